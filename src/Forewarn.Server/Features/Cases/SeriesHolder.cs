using Forewarn.Engine.Indicators;
using Forewarn.Engine.Series;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// The series index of every case, built from the database on first use and updated as cases are added. The engine's
/// index is single-threaded, so every use goes through one lock. Never-flag numbers never link.
/// </summary>
/// <remarks>
/// Indicator values are numbered once, here, as they are read or added, and the engine links on the numbers: the build
/// is the engine's fast path over int arrays, and only the values that link a series are turned back into text.
/// </remarks>
public sealed class SeriesHolder(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private LinkedSeries? _series;

    public const int Cap = 50;

    public async Task<T> UseAsync<T>(Func<LinkedSeries, T> work, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            _series ??= await BuildAsync(ct);
            return work(_series);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<LinkedSeries> BuildAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.CaseIndicators.AsNoTracking().OrderBy(i => i.CaseId).Select(i => new { i.CaseId, i.Type, i.Value }).ToListAsync(ct);
        var cases = await db.Cases.IgnoreQueryFilters().OrderBy(c => c.Id).Select(c => c.Id).ToArrayAsync(ct);
        var keys = new LinkedSeries.Keys();
        var starts = new int[cases.Length + 1];
        var numbers = new List<int>(rows.Count);
        var row = 0;
        for (var i = 0; i < cases.Length; i++)
        {
            for (; row < rows.Count && rows[row].CaseId <= cases[i]; row++)
            {
                if (rows[row].CaseId == cases[i] && keys.Number(rows[row].Type + ":" + rows[row].Value) is { } number)
                {
                    numbers.Add(number);
                }
            }

            starts[i + 1] = numbers.Count;
        }

        return new LinkedSeries(SeriesIndex.Build(cases, starts, [.. numbers], Cap), keys);
    }

    public static IEnumerable<string> NeverLink => NeverFlag.Phones.Keys.Select(p => "phone:" + p);

    public void Dispose() => _lock.Dispose();
}

/// <summary>The engine's series index over numbered indicator keys, answering in <c>type:value</c> text.</summary>
public sealed class LinkedSeries(SeriesIndex index, LinkedSeries.Keys keys)
{
    public int CaseCount => index.CaseCount;

    public long SeriesOf(long caseId) => index.SeriesOf(caseId);

    public IReadOnlyList<long> CasesOf(long seriesId) => index.CasesOf(seriesId);

    public IEnumerable<(long SeriesId, IReadOnlyList<long> Cases)> Series(int minCases = 2) => index.Series(minCases);

    public IReadOnlyList<string> LinkingIndicators(long seriesId) => [.. index.LinkingKeys(seriesId).Select(keys.Text).Order(StringComparer.Ordinal)];

    public IReadOnlyList<(string Key, int Cases)> CappedIndicators => [.. index.CappedKeys.Select(c => (keys.Text(c.Key), c.Cases))];

    public void Add(long caseId, IEnumerable<string> indicatorKeys) =>
        index.AddKeys(caseId, [.. indicatorKeys.Select(keys.Number).OfType<int>()]);

    /// <summary>The numbering of indicator keys; never-flag numbers get none, so they never link.</summary>
    public sealed class Keys
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];
        private readonly HashSet<string> _never = new(SeriesHolder.NeverLink, StringComparer.Ordinal);

        public int? Number(string key)
        {
            if (_numbers.TryGetValue(key, out var number))
            {
                return number;
            }
            if (_never.Contains(key))
            {
                return null;
            }
            _numbers.Add(key, _texts.Count);
            _texts.Add(key);
            return _texts.Count - 1;
        }

        public string Text(int number) => _texts[number];
    }
}
