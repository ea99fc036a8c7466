using System.Runtime.InteropServices;

namespace Forewarn.Engine.Series;

/// <summary>
/// Series linking (串并案): cases that share an indicator key are linked N-way and transitively into one series,
/// without merging the cases themselves. A key shared by more than <see cref="Cap"/> cases (a payment gateway's
/// number) links nothing and is listed in <see cref="CappedIndicators"/>; a key in the never-link set (96110, the
/// banks' service numbers) never links and is not listed.
/// </summary>
/// <remarks>
/// <para>
/// A union-find over dense case numbers (union by size, path compression) holds the partition; each series also
/// keeps its members on a ring so that they can be listed without a scan. Keys are interned to ints and the links
/// of a case are kept in int arrays, so a million cases with three million links cost tens of megabytes besides
/// the key strings.
/// </para>
/// <para>
/// Incremental results always equal <see cref="Build"/> on the same data: when a key crosses the cap, the one
/// series it had joined is split again by relinking its members without that key (rare, and bounded by the size
/// of that series).
/// </para>
/// <para>Not thread-safe: even reads compress paths. Use from one thread at a time, and do not add while enumerating.</para>
/// </remarks>
public sealed class SeriesIndex
{
    private const int Never = -1;

    private readonly HashSet<string> neverLink;
    private readonly Dictionary<long, int> caseIndex;
    private readonly Dictionary<string, int> keyIndex;
    private readonly List<int> capped = [];

    // Per case (dense number): its id, union-find parent and size, the smallest case id of the series it roots,
    // the next member on the ring of its series, and the first of its links.
    private long[] caseIds;
    private int[] parent;
    private int[] size;
    private long[] smallest;
    private int[] ring;
    private int[] firstLink;
    private int caseCount;

    // Per link: its key and the next link of the same case (-1 ends the list).
    private int[] linkKey;
    private int[] nextLink;
    private int linkCount;

    // Per key: its text, how many cases carry it (Never for never-link keys) and one case that carries it.
    private string[] keys;
    private int[] keyCases;
    private int[] keyCase;
    private int keyCount;

    /// <summary>Creates an empty index.</summary>
    /// <param name="cap">A key shared by more than this many cases links nothing. At least 1.</param>
    /// <param name="neverLink">Keys that never link, whatever their count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cap"/> is less than 1.</exception>
    public SeriesIndex(int cap = 50, IEnumerable<string>? neverLink = null)
        : this(cap, neverLink, 16)
    {
    }

    private SeriesIndex(int cap, IEnumerable<string>? neverLink, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        Cap = cap;
        this.neverLink = new HashSet<string>(neverLink ?? [], StringComparer.Ordinal);
        caseIndex = new Dictionary<long, int>(capacity);
        keyIndex = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        caseIds = new long[capacity];
        parent = new int[capacity];
        size = new int[capacity];
        smallest = new long[capacity];
        ring = new int[capacity];
        firstLink = new int[capacity];
        linkKey = new int[capacity * 3];
        nextLink = new int[capacity * 3];
        keys = new string[capacity];
        keyCases = new int[capacity];
        keyCase = new int[capacity];
    }

    /// <summary>A key shared by more than this many cases links nothing.</summary>
    public int Cap { get; }

    /// <summary>How many cases the index holds.</summary>
    public int CaseCount => caseCount;

    /// <summary>
    /// Keys shared by more than <see cref="Cap"/> cases, with how many cases share each; most shared first, then by key.
    /// Never-link keys are not listed.
    /// </summary>
    public IReadOnlyList<(string Key, int Cases)> CappedIndicators =>
        [.. capped.Select(k => (Key: keys[k], Cases: keyCases[k])).OrderByDescending(c => c.Cases).ThenBy(c => c.Key, StringComparer.Ordinal)];

    /// <summary>The full rebuild: an index of <paramref name="cases"/>, equal to adding them one by one in any order.</summary>
    /// <param name="cases">Cases and their normalised indicator keys; a case may appear more than once.</param>
    /// <param name="cap">A key shared by more than this many cases links nothing. At least 1.</param>
    /// <param name="neverLink">Keys that never link, whatever their count.</param>
    /// <exception cref="ArgumentException">A key is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cap"/> is less than 1.</exception>
    public static SeriesIndex Build(IEnumerable<(long CaseId, IReadOnlyList<string> Keys)> cases, int cap = 50, IEnumerable<string>? neverLink = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var index = new SeriesIndex(cap, neverLink, cases is ICollection<(long, IReadOnlyList<string>)> c ? Math.Max(16, c.Count) : 1024);
        foreach (var (caseId, caseKeys) in cases)
        {
            ArgumentNullException.ThrowIfNull(caseKeys, nameof(cases));
            var node = index.CaseNode(caseId);
            for (var i = 0; i < caseKeys.Count; i++)
            {
                index.Link(node, caseKeys[i]);
            }
        }

        index.Relink();
        return index;
    }

    /// <summary>
    /// Adds a case with its keys, or more keys to a case already held, and links it. Adding the same keys again
    /// changes nothing. A case added without keys is held alone in its own series.
    /// </summary>
    /// <exception cref="ArgumentException">A key is null or empty.</exception>
    public void Add(long caseId, IEnumerable<string> indicatorKeys)
    {
        ArgumentNullException.ThrowIfNull(indicatorKeys);
        var node = CaseNode(caseId);
        foreach (var text in indicatorKeys)
        {
            if (Link(node, text) is not { } key || keyCases[key] < 2)
            {
                continue;
            }

            if (keyCases[key] <= Cap)
            {
                Union(node, keyCase[key]);
            }
            else if (keyCases[key] == Cap + 1)
            {
                capped.Add(key);
                Split(Find(keyCase[key]));
            }
        }
    }

    /// <summary>The series of a case: the smallest case id in it (a case alone is its own series).</summary>
    /// <exception cref="KeyNotFoundException">The index does not hold the case.</exception>
    public long SeriesOf(long caseId) =>
        caseIndex.TryGetValue(caseId, out var node)
            ? smallest[Find(node)]
            : throw new KeyNotFoundException($"Case {caseId} is not in the series index.");

    /// <summary>The cases of a series in ascending order; empty when <paramref name="seriesId"/> is not a series id now.</summary>
    public IReadOnlyList<long> CasesOf(long seriesId) => RootOf(seriesId) is { } root ? Members(root) : [];

    /// <summary>
    /// The keys that link a series: those shared by at least two of its cases, except capped and never-link keys;
    /// in ordinal order. Empty when <paramref name="seriesId"/> is not a series id now.
    /// </summary>
    public IReadOnlyList<string> LinkingIndicators(long seriesId)
    {
        if (RootOf(seriesId) is not { } root)
        {
            return [];
        }

        var found = new HashSet<int>();
        var node = root;
        do
        {
            for (var link = firstLink[node]; link >= 0; link = nextLink[link])
            {
                var key = linkKey[link];
                if (keyCases[key] >= 2 && keyCases[key] <= Cap)
                {
                    found.Add(key);
                }
            }

            node = ring[node];
        }
        while (node != root);

        var result = found.Select(k => keys[k]).ToArray();
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
            if (parent[node] == node && size[node] >= minCases)
            {
                roots.Add((smallest[node], node));
            }
        }

        roots.Sort();
        return roots.Select(r => (r.Id, (IReadOnlyList<long>)Members(r.Root)));
    }

    private int? RootOf(long seriesId) =>
        caseIndex.TryGetValue(seriesId, out var node) && Find(node) is var root && smallest[root] == seriesId ? root : null;

    private long[] Members(int root)
    {
        var members = new long[size[root]];
        var node = root;
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = caseIds[node];
            node = ring[node];
        }

        Array.Sort(members);
        return members;
    }

    private int CaseNode(long caseId)
    {
        ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(caseIndex, caseId, out var exists);
        if (exists)
        {
            return node;
        }

        node = caseCount;
        if (caseCount == caseIds.Length)
        {
            var length = caseCount * 2;
            Array.Resize(ref caseIds, length);
            Array.Resize(ref parent, length);
            Array.Resize(ref size, length);
            Array.Resize(ref smallest, length);
            Array.Resize(ref ring, length);
            Array.Resize(ref firstLink, length);
        }

        caseIds[node] = caseId;
        parent[node] = node;
        size[node] = 1;
        smallest[node] = caseId;
        ring[node] = node;
        firstLink[node] = -1;
        caseCount++;
        return node;
    }

    /// <summary>Records that a case carries a key and counts it; null when the case already carried the key.</summary>
    private int? Link(int node, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text, "indicatorKeys");
        ref var key = ref CollectionsMarshal.GetValueRefOrAddDefault(keyIndex, text, out var exists);
        if (!exists)
        {
            key = keyCount;
            if (keyCount == keys.Length)
            {
                Array.Resize(ref keys, keyCount * 2);
                Array.Resize(ref keyCases, keyCount * 2);
                Array.Resize(ref keyCase, keyCount * 2);
            }

            keys[key] = text;
            keyCases[key] = neverLink.Contains(text) ? Never : 0;
            keyCase[key] = node;
            keyCount++;
        }
        else
        {
            // A case rarely has more than a handful of keys, so a scan beats a set of (case, key) pairs.
            for (var link = firstLink[node]; link >= 0; link = nextLink[link])
            {
                if (linkKey[link] == key)
                {
                    return null;
                }
            }
        }

        if (linkCount == linkKey.Length)
        {
            Array.Resize(ref linkKey, linkCount * 2);
            Array.Resize(ref nextLink, linkCount * 2);
        }

        linkKey[linkCount] = key;
        nextLink[linkCount] = firstLink[node];
        firstLink[node] = linkCount++;
        if (keyCases[key] != Never)
        {
            keyCases[key]++;
        }

        return key;
    }

    /// <summary>The full rebuild of the partition and of the capped list from the links.</summary>
    private void Relink()
    {
        capped.Clear();
        for (var key = 0; key < keyCount; key++)
        {
            if (keyCases[key] > Cap)
            {
                capped.Add(key);
            }
        }

        for (var node = 0; node < caseCount; node++)
        {
            for (var link = firstLink[node]; link >= 0; link = nextLink[link])
            {
                var key = linkKey[link];
                if (keyCases[key] >= 2 && keyCases[key] <= Cap)
                {
                    Union(node, keyCase[key]);
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
        var members = new int[size[root]];
        var node = root;
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = node;
            node = ring[node];
        }

        foreach (var member in members)
        {
            parent[member] = member;
            size[member] = 1;
            smallest[member] = caseIds[member];
            ring[member] = member;
        }

        foreach (var member in members)
        {
            for (var link = firstLink[member]; link >= 0; link = nextLink[link])
            {
                var key = linkKey[link];
                if (keyCases[key] >= 2 && keyCases[key] <= Cap)
                {
                    Union(member, keyCase[key]);
                }
            }
        }
    }

    private int Find(int node)
    {
        var root = node;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[node] != root)
        {
            var next = parent[node];
            parent[node] = root;
            node = next;
        }

        return root;
    }

    private void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
        {
            return;
        }

        if (size[a] < size[b])
        {
            (a, b) = (b, a);
        }

        parent[b] = a;
        size[a] += size[b];
        smallest[a] = Math.Min(smallest[a], smallest[b]);
        (ring[a], ring[b]) = (ring[b], ring[a]);
    }
}
