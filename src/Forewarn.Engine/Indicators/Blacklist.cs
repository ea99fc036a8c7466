using System.Buffers;
using System.Runtime.CompilerServices;

namespace Forewarn.Engine.Indicators;

/// <summary>
/// An immutable in-memory index of the indicator store, built once and swapped atomically by its owner
/// (e.g. <c>Volatile.Write</c> of a field). Safe for any number of concurrent readers.
/// </summary>
/// <remarks>
/// Phone numbers are held as numeric keys in an open-addressing table (about 17 bytes an entry at 10 million);
/// other types in ordinal string dictionaries that are also searched by span. Duplicate values merge to the
/// strongest entry (confirmed over suspected, then the highest confidence). A whitelisted entry or a
/// <see cref="NeverFlag"/> value suppresses every hit on the same value, and a whitelisted domain suppresses
/// its sub-domains unless a more specific sub-domain is itself listed.
/// </remarks>
public sealed class Blacklist
{
    private const int TypeCount = (int)IndicatorType.Ip + 1;
    private static readonly SearchValues<char> Ipv4Chars = SearchValues.Create("0123456789.");

    private readonly PhoneTable phones;
    private readonly Dictionary<string, ushort>?[] strings;
    private readonly Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>>[] spans;

    private Blacklist(PhoneTable phones, Dictionary<string, ushort>?[] strings, int count)
    {
        this.phones = phones;
        this.strings = strings;
        spans = new Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>>[TypeCount];
        for (var t = 0; t < TypeCount; t++)
        {
            if (strings[t] is { } dictionary)
            {
                spans[t] = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
            }
        }

        Count = count;
    }

    /// <summary>A blacklist without entries.</summary>
    public static Blacklist Empty { get; } = Build([], DateTime.MinValue);

    /// <summary>How many distinct values can hit (whitelisted and suppressed values are not counted).</summary>
    public int Count { get; }

    /// <summary>Builds the index, dropping entries that expired at or before <paramref name="nowUtc"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An entry has an undefined type or status.</exception>
    public static Blacklist Build(IEnumerable<IndicatorEntry> entries, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var phones = new PhoneTable(entries is ICollection<IndicatorEntry> c ? c.Count : 1024);
        var strings = new Dictionary<string, ushort>?[TypeCount];
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            if ((uint)entry.Type >= TypeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), entry.Type, "Undefined indicator type.");
            }

            if ((uint)entry.Status > (uint)IndicatorStatus.Whitelisted)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), entry.Status, "Undefined indicator status.");
            }

            if (string.IsNullOrEmpty(entry.Value)
                || entry.ExpiresAtUtc <= nowUtc
                || NeverFlag.Contains(entry.Type, entry.Value))
            {
                continue;
            }

            var packed = Verdict.Pack(entry.Status, entry.Confidence);
            if (entry.Type == IndicatorType.Phone && PhoneKey.TryEncode(entry.Value, out var key))
            {
                phones.Merge(key, packed);
                continue;
            }

            var dictionary = strings[(int)entry.Type] ??= new Dictionary<string, ushort>(StringComparer.Ordinal);
            dictionary[entry.Value] = dictionary.TryGetValue(entry.Value, out var existing)
                ? Math.Max(existing, packed)
                : packed;
        }

        var compact = phones.WithoutWhitelisted();
        var count = compact.Count;
        foreach (var dictionary in strings)
        {
            if (dictionary is null)
            {
                continue;
            }

            // Whitelisted strings stay in the index: a whitelisted domain or URL must mask a listed parent.
            dictionary.TrimExcess();
            foreach (var packed in dictionary.Values)
            {
                if (!Verdict.IsWhitelisted(packed))
                {
                    count++;
                }
            }
        }

        return new Blacklist(compact, strings, count);
    }

    /// <summary>
    /// Looks a normalised value up. A <see cref="IndicatorType.Domain"/> also hits through a listed parent
    /// domain of at least two labels (<c>a.b.evil.com</c> hits <c>evil.com</c>, never <c>com</c>);
    /// a <see cref="IndicatorType.Url"/> matches exactly (see <see cref="TryMatchUrl"/> for the host too).
    /// </summary>
    public bool TryMatch(IndicatorType type, string value, out IndicatorHit hit)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (type == IndicatorType.Phone && PhoneKey.TryEncode(value, out var key))
        {
            if (phones.TryGetValue(key, out var packed))
            {
                hit = Verdict.Hit(type, value, packed);
                return true;
            }

            hit = default;
            return false;
        }

        if (type == IndicatorType.Domain)
        {
            return TryMatchDomain(value, out hit, out _);
        }

        return TryMatchExact(type, value, out hit, out _);
    }

    /// <summary>
    /// Matches a normalised URL: the URL list first, then the host through the domain list (or the IP list when
    /// the host is an address literal). A whitelisted URL or host suppresses the hit.
    /// </summary>
    public bool TryMatchUrl(string normalisedUrl, string? host, out IndicatorHit hit)
    {
        ArgumentNullException.ThrowIfNull(normalisedUrl);
        if (TryMatchExact(IndicatorType.Url, normalisedUrl, out hit, out var whitelisted) || whitelisted)
        {
            return !whitelisted;
        }

        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        return LooksLikeIp(host)
            ? TryMatchExact(IndicatorType.Ip, host, out hit, out _)
            : TryMatchDomain(host, out hit, out _);
    }

    /// <summary>
    /// The allocation-free path for contact records: whether normalised phone digits hit the blacklist.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsBlacklistedPhone(ReadOnlySpan<char> digits)
    {
        if (PhoneKey.TryEncode(digits, out var key))
        {
            return phones.TryGetValue(key, out _);
        }

        return strings[(int)IndicatorType.Phone] is not null
            && spans[(int)IndicatorType.Phone].TryGetValue(digits, out var packed)
            && !Verdict.IsWhitelisted(packed);
    }

    private bool TryMatchExact(IndicatorType type, string value, out IndicatorHit hit, out bool whitelisted)
    {
        hit = default;
        whitelisted = false;
        if (strings[(int)type] is not { } dictionary || !dictionary.TryGetValue(value, out var packed))
        {
            return false;
        }

        if (Verdict.IsWhitelisted(packed))
        {
            whitelisted = true;
            return false;
        }

        hit = Verdict.Hit(type, value, packed);
        return true;
    }

    private bool TryMatchDomain(string host, out IndicatorHit hit, out bool whitelisted)
    {
        hit = default;
        whitelisted = false;
        if (strings[(int)IndicatorType.Domain] is null)
        {
            return false;
        }

        var lookup = spans[(int)IndicatorType.Domain];
        var suffix = host.AsSpan();
        while (true)
        {
            // The most specific listed suffix decides, so a whitelisted sub-domain masks a listed parent.
            if (lookup.TryGetValue(suffix, out var listed, out var packed))
            {
                if (Verdict.IsWhitelisted(packed))
                {
                    whitelisted = true;
                    return false;
                }

                hit = Verdict.Hit(IndicatorType.Domain, listed, packed);
                return true;
            }

            var dot = suffix.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            var parent = suffix[(dot + 1)..];
            if (!parent.Contains('.'))
            {
                return false;
            }

            suffix = parent;
        }
    }

    private static bool LooksLikeIp(string host) =>
        host.Contains(':', StringComparison.Ordinal) || !host.AsSpan().ContainsAnyExcept(Ipv4Chars);
}
