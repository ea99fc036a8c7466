using System.Runtime.CompilerServices;

namespace Forewarn.Engine.Indicators;

/// <summary>
/// Open-addressing hash table from <see cref="PhoneKey"/> to a packed <see cref="Verdict"/>: Fibonacci hashing,
/// linear probing, key 0 marks an empty slot. Two parallel arrays cost 10 bytes a slot; the load stays at or
/// below 0.7 so that misses, the common case on the contact-record path, probe few slots.
/// Mutable only while the blacklist is being built; read-only (and so thread-safe) afterwards.
/// </summary>
internal sealed class PhoneTable
{
    private const double MaxLoad = 0.7;
    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private long[] keys;
    private ushort[] values;
    private int mask;
    private int shift;
    private int limit;

    public PhoneTable(int expected)
    {
        var capacity = CapacityFor(expected);
        keys = new long[capacity];
        values = new ushort[capacity];
        SetCapacity(capacity);
    }

    public int Count { get; private set; }

    public int Capacity => keys.Length;

    public void Merge(long key, ushort packed)
    {
        if (Count >= limit)
        {
            Resize(keys.Length * 2);
        }

        var i = Slot(key);
        while (true)
        {
            var k = keys[i];
            if (k == key)
            {
                values[i] = Math.Max(values[i], packed);
                return;
            }

            if (k == 0)
            {
                keys[i] = key;
                values[i] = packed;
                Count++;
                return;
            }

            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(long key, out ushort packed)
    {
        var keys = this.keys;
        var i = Slot(key);
        while (true)
        {
            var k = keys[i];
            if (k == key)
            {
                packed = values[i];
                return true;
            }

            if (k == 0)
            {
                packed = 0;
                return false;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>A right-sized copy holding only the entries that can hit (whitelisted ones dropped).</summary>
    public PhoneTable WithoutWhitelisted()
    {
        var kept = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0 && !Verdict.IsWhitelisted(values[i]))
            {
                kept++;
            }
        }

        var result = new PhoneTable(kept);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0 && !Verdict.IsWhitelisted(values[i]))
            {
                result.Merge(keys[i], values[i]);
            }
        }

        return result;
    }

    private int Slot(long key) => (int)(((ulong)key * Fibonacci) >> shift);

    private void Resize(int capacity)
    {
        var oldKeys = keys;
        var oldValues = values;
        keys = new long[capacity];
        values = new ushort[capacity];
        SetCapacity(capacity);
        Count = 0;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] != 0)
            {
                Merge(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void SetCapacity(int capacity)
    {
        mask = capacity - 1;
        shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        limit = (int)(capacity * MaxLoad);
    }

    private static int CapacityFor(int expected)
    {
        var needed = (long)Math.Ceiling(Math.Max(expected, 8) / MaxLoad) + 1;
        if (needed > 1 << 30)
        {
            throw new InvalidOperationException("Too many phone indicators for one table.");
        }

        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)needed);
    }
}
