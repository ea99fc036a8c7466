using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Forewarn.Engine.Series;

/// <summary>
/// Series linking (串并案): cases that share an indicator key are linked N-way and transitively into one series,
/// without merging the cases themselves. A key shared by more than <see cref="Cap"/> cases (a payment gateway's
/// number) links nothing and is listed as capped; a key in the never-link set (96110, the banks' service numbers)
/// never links and is not listed.
/// </summary>
/// <remarks>
/// <para>
/// Keys are ints. The production path interns each indicator value to an int once, where it is stored (the server
/// keeps the number beside the value), and builds with <see cref="Build(long[], int[], int[], int)"/>
/// and adds with <see cref="AddKeys"/>; such an index answers with key numbers
/// (<see cref="LinkingKeys"/>, <see cref="CappedKeys"/>). An index made with the constructor or with the string
/// <see cref="Build(IEnumerable{ValueTuple{long, IReadOnlyList{string}}}, int, IEnumerable{string})"/> numbers its
/// string keys itself and also answers with them (<see cref="LinkingIndicators"/>, <see cref="CappedIndicators"/>).
/// </para>
/// <para>
/// A union-find over dense case numbers (path halving; the root is the case with the smallest id, so it names the
/// series) holds the partition; each series also keeps its members on a ring so that they can be listed without a
/// scan. All state is in flat arrays: a million cases with three million links cost tens of megabytes, and the build
/// allocates no more fresh memory than a bare union-find (touching fresh pages costs about as much as the linking).
/// The full build counts every key and unions the holders of keys shared by 2…cap cases in one pass, prefetching
/// the key states and parents it is about to read. Cases given in ascending id order (as the server reads them) are
/// found by a binary search over their ids; the first case out of order files them all in a hash table instead.
/// </para>
/// <para>
/// Incremental results always equal the full build on the same data: when a key crosses the cap, the one series it
/// had joined is split again by relinking its members without that key (rare, and bounded by the size of that series).
/// </para>
/// <para>Not thread-safe: even reads compress paths. Use from one thread at a time, and do not add while enumerating.</para>
/// </remarks>
public sealed class SeriesIndex
{
    // How many links ahead the full build prefetches a key's state, and the parent of the key's first holder.
    private const int StateAhead = 24;
    private const int ParentAhead = 8;

    // Only for an index of string keys: the key numbering and the never-link set.
    private readonly Dictionary<string, int>? keyIndex;
    private readonly HashSet<string>? neverLink;
    private string[] keyTexts = [];

    private readonly List<int> capped = [];

    // Per case (dense number): its id, its union-find parent (a root holds minus the size of its series), the next
    // member on the ring of its series, and where its keys start in linkKey (one more entry than the cases: a case's
    // keys end where the next case's start, and the last case's where the keys in use end).
    private long[] caseIds;
    private int[] parents;
    private int[] rings;
    private int[] linkStart;
    private int caseCount;

    // Case id → dense number + 1 (0 is an empty slot): open addressing with linear probing, at most half full.
    // Null while the cases came in ascending id order (as the server reads them): then a binary search finds them.
    private int[]? slots;

    // The keys of each case, one run per case in case order; a case given more keys later makes room in place.
    private int[] linkKey;
    private int linkUsed;

    // Per key number, packed in one int (half the memory of two, which the build touches at random): the first case
    // that carried it, shifted left by countBits, and how many cases carry it, counted up to Cap + 1. A capped key's
    // full count is kept in cappedCounts.
    private int[] keyStates;
    private readonly int countBits;
    private readonly int countMask;
    private readonly Dictionary<int, int> cappedCounts = [];

    /// <summary>Creates an empty index of string keys.</summary>
    /// <param name="cap">A key shared by more than this many cases links nothing. At least 1.</param>
    /// <param name="neverLink">Keys that never link, whatever their count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cap"/> is less than 1.</exception>
    public SeriesIndex(int cap = 50, IEnumerable<string>? neverLink = null)
        : this(cap, 16, 16, 16, textKeys: true, neverLink)
    {
    }

    private SeriesIndex(int cap, int cases, int links, int keys, bool textKeys, IEnumerable<string>? neverLink = null)
        : this(cap, new long[Math.Max(cases, 16)], new int[Math.Max(cases, 16) + 1], new int[Math.Max(links, 16)], keys)
    {
        if (textKeys)
        {
            keyIndex = new Dictionary<string, int>(keys, StringComparer.Ordinal);
            keyTexts = new string[Math.Max(keys, 16)];
            this.neverLink = new HashSet<string>(neverLink ?? [], StringComparer.Ordinal);
        }
    }

    // The arrays given are taken over as storage (the build from key numbers hands in the caller's).
    private SeriesIndex(int cap, long[] caseIds, int[] linkStart, int[] linkKey, int keys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        Cap = cap;
        this.caseIds = caseIds;
        this.linkStart = linkStart;
        this.linkKey = linkKey;
        countBits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)cap + 1);
        countMask = (1 << countBits) - 1;
        MaxCases = countBits > 30 ? 0 : 1 << (31 - countBits);
        if (caseIds.Length > MaxCases)
        {
            throw new ArgumentOutOfRangeException(nameof(caseIds), $"With a cap of {cap} an index holds at most {MaxCases:N0} cases.");
        }

        parents = new int[caseIds.Length];
        rings = new int[caseIds.Length];
        keyStates = new int[Math.Max(keys, 16)];
    }

    /// <summary>
    /// How many cases the index can hold: the first holder of each key and its count share an int, so the larger
    /// the cap, the fewer (2²⁵, some 33 million, at the default cap of 50).
    /// </summary>
    public int MaxCases { get; }

    /// <summary>A key shared by more than this many cases links nothing.</summary>
    public int Cap { get; }

    /// <summary>How many cases the index holds.</summary>
    public int CaseCount => caseCount;

    /// <summary>
    /// Key numbers shared by more than <see cref="Cap"/> cases, with how many cases share each; most shared first,
    /// then by number.
    /// </summary>
    public IReadOnlyList<(int Key, int Cases)> CappedKeys =>
        [.. capped.Select(k => (Key: k, Cases: cappedCounts[k])).OrderByDescending(c => c.Cases).ThenBy(c => c.Key)];

    /// <summary>
    /// Keys shared by more than <see cref="Cap"/> cases, with how many cases share each; most shared first, then by key.
    /// Never-link keys are not listed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The index holds key numbers, not strings.</exception>
    public IReadOnlyList<(string Key, int Cases)> CappedIndicators
    {
        get
        {
            var texts = Texts();
            return [.. capped.Select(k => (Key: texts[k], Cases: cappedCounts[k])).OrderByDescending(c => c.Cases).ThenBy(c => c.Key, StringComparer.Ordinal)];
        }
    }

    /// <summary>The full rebuild: an index of <paramref name="cases"/>, equal to adding them one by one in any order.</summary>
    /// <param name="cases">Cases and their normalised indicator keys; a case may appear more than once.</param>
    /// <param name="cap">A key shared by more than this many cases links nothing. At least 1.</param>
    /// <param name="neverLink">Keys that never link, whatever their count.</param>
    /// <exception cref="ArgumentException">A key is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cap"/> is less than 1.</exception>
    public static SeriesIndex Build(IEnumerable<(long CaseId, IReadOnlyList<string> Keys)> cases, int cap = 50, IEnumerable<string>? neverLink = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var count = cases is ICollection<(long, IReadOnlyList<string>)> c ? c.Count : 1024;
        var index = new SeriesIndex(cap, count, count * 3, count * 2, textKeys: true, neverLink);
        foreach (var (caseId, caseKeys) in cases)
        {
            ArgumentNullException.ThrowIfNull(caseKeys, nameof(cases));
            var node = index.CaseNode(caseId);
            for (var i = 0; i < caseKeys.Count; i++)
            {
                if (index.Intern(caseKeys[i]) is { } key)
                {
                    index.Link(node, key);
                }
            }
        }

        index.Relink();
        return index;
    }

    /// <summary>
    /// The full rebuild from key numbers: case <c>i</c> has id <paramref name="caseIds"/>[i] and the keys
    /// <paramref name="keys"/>[<paramref name="linkStarts"/>[i]..<paramref name="linkStarts"/>[i + 1]]. Equal to adding
    /// the cases one by one in any order. Leave never-link keys out.
    /// </summary>
    /// <remarks>
    /// The index takes the three arrays over as its own storage, without copying them (a million cases with three
    /// million links would otherwise cost another 24 MB): do not use them afterwards.
    /// </remarks>
    /// <param name="caseIds">Distinct case ids.</param>
    /// <param name="linkStarts">Where each case's keys start in <paramref name="keys"/>, and one more: where the last ends.</param>
    /// <param name="keys">Key numbers, at least 0; numbers in use should be dense, as arrays are sized by the largest.</param>
    /// <param name="cap">A key shared by more than this many cases links nothing. At least 1.</param>
    /// <exception cref="ArgumentException">A case id repeats, or <paramref name="linkStarts"/> does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A key is negative, or <paramref name="cap"/> is less than 1.</exception>
    public static SeriesIndex Build(long[] caseIds, int[] linkStarts, int[] keys, int cap = 50)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        ArgumentNullException.ThrowIfNull(linkStarts);
        ArgumentNullException.ThrowIfNull(keys);
        var cases = caseIds.Length;
        if (linkStarts.Length != cases + 1 || linkStarts[0] != 0 || linkStarts[cases] != keys.Length)
        {
            throw new ArgumentException("Link starts must hold one more entry than the cases, from 0 to the number of keys.", nameof(linkStarts));
        }

        var maxKey = -1;
        var minKey = 0;
        foreach (var key in keys)
        {
            maxKey = Math.Max(maxKey, key);
            minKey = Math.Min(minKey, key);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minKey, nameof(keys));
        var index = new SeriesIndex(cap, caseIds, linkStarts, keys, maxKey + 1);
        index.BulkBuild();
        return index;
    }

    /// <summary>
    /// Adds a case with its keys, or more keys to a case already held, and links it. Adding the same keys again
    /// changes nothing. A case added without keys is held alone in its own series.
    /// </summary>
    /// <exception cref="ArgumentException">A key is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The index holds key numbers, not strings.</exception>
    public void Add(long caseId, IEnumerable<string> indicatorKeys)
    {
        ArgumentNullException.ThrowIfNull(indicatorKeys);
        Texts();
        var node = CaseNode(caseId);
        foreach (var text in indicatorKeys)
        {
            if (Intern(text) is { } key)
            {
                AddLink(node, key);
            }
        }
    }

    /// <summary>
    /// Adds a case with its key numbers, or more keys to a case already held, and links it. Adding the same keys again
    /// changes nothing. A case added without keys is held alone in its own series. Leave never-link keys out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A key is negative.</exception>
    /// <exception cref="InvalidOperationException">The index numbers string keys itself.</exception>
    public void AddKeys(long caseId, ReadOnlySpan<int> keys)
    {
        if (keyIndex is not null)
        {
            throw new InvalidOperationException("This index numbers its string keys itself; add strings.");
        }

        foreach (var key in keys)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(key, nameof(keys));
        }

        var node = CaseNode(caseId);
        foreach (var key in keys)
        {
            EnsureKey(key);
            AddLink(node, key);
        }
    }

    /// <summary>Whether the index holds a case.</summary>
    public bool Contains(long caseId) => NodeOf(caseId) >= 0;

    /// <summary>The series of a case: the smallest case id in it (a case alone is its own series).</summary>
    /// <exception cref="KeyNotFoundException">The index does not hold the case.</exception>
    public long SeriesOf(long caseId) =>
        NodeOf(caseId) is var node and >= 0
            ? caseIds[Find(node)]
            : throw new KeyNotFoundException($"Case {caseId} is not in the series index.");

    /// <summary>The cases of a series in ascending order; empty when <paramref name="seriesId"/> is not a series id now.</summary>
    public IReadOnlyList<long> CasesOf(long seriesId) => RootOf(seriesId) is var root and >= 0 ? Members(root) : [];

    /// <summary>
    /// The key numbers that link a series: those shared by at least two of its cases, except capped keys; ascending.
    /// Empty when <paramref name="seriesId"/> is not a series id now.
    /// </summary>
    public IReadOnlyList<int> LinkingKeys(long seriesId)
    {
        if (RootOf(seriesId) is not (var root and >= 0))
        {
            return [];
        }

        var found = new HashSet<int>();
        var node = root;
        do
        {
            foreach (var key in KeysOf(node))
            {
                if (Links(key))
                {
                    found.Add(key);
                }
            }

            node = rings[node];
        }
        while (node != root);

        var result = found.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>
    /// The keys that link a series: those shared by at least two of its cases, except capped and never-link keys;
    /// in ordinal order. Empty when <paramref name="seriesId"/> is not a series id now.
    /// </summary>
    /// <exception cref="InvalidOperationException">The index holds key numbers, not strings.</exception>
    public IReadOnlyList<string> LinkingIndicators(long seriesId)
    {
        var texts = Texts();
        var result = LinkingKeys(seriesId).Select(k => texts[k]).ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    /// <summary>Every series of at least <paramref name="minCases"/> cases, by series id, with its cases in ascending order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCases"/> is less than 1.</exception>
    public IEnumerable<(long SeriesId, IReadOnlyList<long> Cases)> Series(int minCases = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCases, 1);
        var roots = new List<(long Id, int Root)>();
        for (var node = 0; node < caseCount; node++)
        {
            if (-parents[node] >= minCases)
            {
                roots.Add((caseIds[node], node));
            }
        }

        roots.Sort();
        return roots.Select(r => (r.Id, (IReadOnlyList<long>)Members(r.Root)));
    }

    private string[] Texts() => keyIndex is not null
        ? keyTexts
        : throw new InvalidOperationException("This index holds key numbers; ask for LinkingKeys and CappedKeys.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Links(int key) => (keyStates[key] & countMask) is var cases && cases >= 2 && cases <= Cap;

    /// <summary>The first case that carried a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstOf(int key) => keyStates[key] >> countBits;

    private int RootOf(long seriesId) =>
        NodeOf(seriesId) is var node and >= 0 && Find(node) is var root && caseIds[root] == seriesId ? root : -1;

    private long[] Members(int root)
    {
        var ids = new long[-parents[root]];
        var node = root;
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = caseIds[node];
            node = rings[node];
        }

        Array.Sort(ids);
        return ids;
    }

    /// <summary>The home slot of a case id: a Fibonacci hash mapped onto the table by a multiply, as its length is no power of two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(long caseId, int length) => (int)(((((ulong)caseId * 0x9E3779B97F4A7C15UL) >> 32) * (ulong)length) >> 32);

    private int NodeOf(long caseId)
    {
        if (slots is not { } table)
        {
            return Array.BinarySearch(caseIds, 0, caseCount, caseId) is var found and >= 0 ? found : -1;
        }

        for (var s = Slot(caseId, table.Length); ; s = s + 1 == table.Length ? 0 : s + 1)
        {
            var node = table[s] - 1;
            if (node < 0)
            {
                return -1;
            }

            if (caseIds[node] == caseId)
            {
                return node;
            }
        }
    }

    /// <summary>Files a case number under its id; false when the id is already held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Insert(long caseId, int node)
    {
        var table = slots!;
        for (var s = Slot(caseId, table.Length); ; s = s + 1 == table.Length ? 0 : s + 1)
        {
            ref var slot = ref table[s];
            if (slot == 0)
            {
                slot = node + 1;
                return true;
            }

            if (caseIds[slot - 1] == caseId)
            {
                return false;
            }
        }
    }

    private int CaseNode(long caseId)
    {
        if (NodeOf(caseId) is var found and >= 0)
        {
            return found;
        }

        var node = caseCount;
        if (caseCount == MaxCases)
        {
            throw new InvalidOperationException($"With a cap of {Cap} an index holds at most {MaxCases:N0} cases.");
        }

        if (caseCount == caseIds.Length)
        {
            var length = (int)Math.Min(MaxCases, Math.Max(16L, caseCount * 2L));
            Array.Resize(ref caseIds, length);
            Array.Resize(ref parents, length);
            Array.Resize(ref rings, length);
            Array.Resize(ref linkStart, length + 1);
        }

        if (slots is null ? caseCount > 0 && caseId < caseIds[caseCount - 1] : (long)(caseCount + 1) * 2 > slots.Length)
        {
            FileAll(caseCount + 1);
        }

        caseIds[node] = caseId;
        parents[node] = -1;
        rings[node] = node;
        linkStart[node + 1] = linkUsed;
        if (slots is not null)
        {
            Insert(caseId, node);
        }

        caseCount++;
        return node;
    }

    /// <summary>Files every case held under its id in a new hash table with room for <paramref name="cases"/>.</summary>
    /// <exception cref="ArgumentException">A case id is held twice.</exception>
    private void FileAll(int cases)
    {
        slots = new int[Math.Max(16, cases * 4)];
        for (var n = 0; n < caseCount; n++)
        {
            if (!Insert(caseIds[n], n))
            {
                throw new ArgumentException($"Case {caseIds[n]} appears twice.");
            }
        }
    }

    /// <summary>The number of a string key, or null for a never-link key.</summary>
    private int? Intern(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text, "indicatorKeys");
        if (keyIndex!.TryGetValue(text, out var key))
        {
            return key;
        }

        if (neverLink!.Contains(text))
        {
            return null;
        }

        key = keyIndex.Count;
        keyIndex.Add(text, key);
        if (key == keyTexts.Length)
        {
            Array.Resize(ref keyTexts, key * 2);
        }

        keyTexts[key] = text;
        EnsureKey(key);
        return key;
    }

    private void EnsureKey(int key)
    {
        if (key >= keyStates.Length)
        {
            Array.Resize(ref keyStates, Math.Max(key + 1, keyStates.Length * 2));
        }
    }

    /// <summary>Adds one key to a case held and links it at once, capping the key when it crosses the cap.</summary>
    private void AddLink(int node, int key)
    {
        var cases = Link(node, key);
        if (cases < 2)
        {
            return;
        }

        if (cases <= Cap)
        {
            Union(node, FirstOf(key));
        }
        else if (cases == Cap + 1)
        {
            Split(Find(FirstOf(key)));
        }
    }

    /// <summary>
    /// Counts one more case carrying a key, remembering the first, and answers how many carry it now up to Cap + 1,
    /// or Cap + 2 once it was capped before. A key that crosses the cap is listed as capped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountCase(int key, int node)
    {
        ref var state = ref keyStates[key];
        var cases = state & countMask;
        if (cases == 0)
        {
            state = (node << countBits) | 1;
            return 1;
        }

        if (cases <= Cap)
        {
            state++;
            if (++cases > Cap)
            {
                capped.Add(key);
                cappedCounts[key] = cases;
            }

            return cases;
        }

        cappedCounts[key]++;
        return Cap + 2;
    }

    /// <summary>
    /// Records that a case carries a key and counts it (see <see cref="CountCase"/>); 0 when the case already carried
    /// the key.
    /// </summary>
    private int Link(int node, int key)
    {
        if (KeysOf(node).Contains(key))
        {
            return 0;
        }

        if (linkUsed == linkKey.Length)
        {
            Array.Resize(ref linkKey, Math.Max(16, linkKey.Length * 2));
        }

        // A new case's run is the last and grows at the end; a case held before (rare: the server adds new cases) moves
        // the runs after its own up by one.
        var end = linkStart[node + 1];
        Array.Copy(linkKey, end, linkKey, end + 1, linkUsed - end);
        for (var next = node + 1; next <= caseCount; next++)
        {
            linkStart[next]++;
        }

        linkKey[end] = key;
        linkUsed++;
        return CountCase(key, node);
    }

    private ReadOnlySpan<int> KeysOf(int node) => linkKey.AsSpan(linkStart[node], linkStart[node + 1] - linkStart[node]);

    /// <summary>
    /// The full build from key numbers in one pass over the input: numbers the cases in order, copies their keys
    /// without repeats, counts every key and unions the holders of a key while it is within the cap. A key that ends
    /// above the cap has joined its first holders' series, so those series are split again at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BulkBuild()
    {
        // The keys are compacted in place when a case repeats one, so a run never starts after its input.
        var ids = caseIds;
        var starts = linkStart;
        var links = linkKey;
        var parent = parents;
        var ring = rings;
        var cap = Cap;
        var written = 0;
        var end = starts[0];
        var ordered = true;
        fixed (int* states = keyStates, parentsAt = parent)
        {
            for (var node = 0; node < ids.Length; node++)
            {
                var id = ids[node];
                if (ordered && node > 0 && id <= ids[node - 1])
                {
                    // The first case out of id order: from here on cases are found through the hash table.
                    caseCount = node;
                    FileAll(ids.Length);
                    ordered = false;
                }

                if (!ordered && !Insert(id, node))
                {
                    throw new ArgumentException($"Case {id} appears twice.", "caseIds");
                }

                parent[node] = -1;
                ring[node] = node;
                var start = end;
                end = starts[node + 1];
                var first = written;
                for (var i = start; i < end; i++)
                {
                    // Most of the build's time is waiting for the key states and parents, read at random: ask the cache for
                    // the state of a key some links ahead, and for the parent of its first holder some links later.
                    if (Sse.IsSupported && i + StateAhead < links.Length)
                    {
                        Sse.Prefetch0(states + links[i + StateAhead]);
                        Sse.Prefetch0(parentsAt + (states[links[i + ParentAhead]] >> countBits));
                    }

                    var key = links[i];
                    var repeated = false;
                    for (var j = first; j < written; j++)
                    {
                        repeated |= links[j] == key;
                    }

                    if (repeated)
                    {
                        continue;
                    }

                    links[written++] = key;
                    var cases = CountCase(key, node);
                    if (cases >= 2 && cases <= cap)
                    {
                        Union(node, FirstOf(key));
                    }
                }

                starts[node] = first;
            }
        }

        caseCount = ids.Length;
        linkUsed = written;
        starts[caseCount] = written;
        if (capped.Count > 0)
        {
            foreach (var root in capped.Select(k => Find(FirstOf(k))).Distinct().ToList())
            {
                Split(root);
            }
        }
    }

    /// <summary>The full rebuild of the partition from the links and counts (the keys were counted as they were linked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Relink()
    {
        for (var node = 0; node < caseCount; node++)
        {
            foreach (var key in KeysOf(node))
            {
                if (Links(key) && FirstOf(key) is var first && first != node)
                {
                    Union(node, first);
                }
            }
        }
    }

    /// <summary>
    /// Splits a series again after one of its keys became capped. Every key that still links one of its members links
    /// only members (the series is closed under links), so relinking the members alone gives the full rebuild.
    /// </summary>
    private void Split(int root)
    {
        var group = new int[-parents[root]];
        var node = root;
        for (var i = 0; i < group.Length; i++)
        {
            group[i] = node;
            node = rings[node];
        }

        foreach (var member in group)
        {
            parents[member] = -1;
            rings[member] = member;
        }

        foreach (var member in group)
        {
            foreach (var key in KeysOf(member))
            {
                if (Links(key))
                {
                    Union(member, FirstOf(key));
                }
            }
        }
    }

    /// <summary>The root of a case's series, halving the path on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(int node)
    {
        var parent = parents;
        while (parent[node] >= 0)
        {
            var up = parent[node];
            var grand = parent[up];
            if (grand < 0)
            {
                return up;
            }

            parent[node] = grand;
            node = grand;
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
        {
            return;
        }

        // The case with the smaller id becomes the root (while the cases are held in id order, without a hash table,
        // case numbers compare as their ids do); roots hold minus the size of their series.
        if (slots is null ? b < a : caseIds[b] < caseIds[a])
        {
            (a, b) = (b, a);
        }

        var parent = parents;
        parent[a] += parent[b];
        parent[b] = a;
        (rings[a], rings[b]) = (rings[b], rings[a]);
    }
}
