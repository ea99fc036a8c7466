using Forewarn.Engine.Indicators;
using Forewarn.Engine.Series;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// The series index of every case, built from the database on first use and updated as cases are added. The engine's
/// index is single-threaded, so every use goes through one lock. Never-flag numbers never link.
/// </summary>
public sealed class SeriesHolder(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SeriesIndex? _index;

    public const int Cap = 50;

    public async Task<T> UseAsync<T>(Func<SeriesIndex, T> work, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            _index ??= await BuildAsync(ct);
            return work(_index);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<SeriesIndex> BuildAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.CaseIndicators.AsNoTracking().Select(i => new { i.CaseId, i.Type, i.Value }).ToListAsync(ct);
        var cases = await db.Cases.IgnoreQueryFilters().Select(c => c.Id).ToListAsync(ct);
        var keys = rows.ToLookup(r => r.CaseId, r => r.Type + ":" + r.Value);
        return SeriesIndex.Build(cases.Select(id => (id, (IReadOnlyList<string>)keys[id].ToList())), Cap, NeverLink);
    }

    public static IEnumerable<string> NeverLink => NeverFlag.Phones.Keys.Select(p => "phone:" + p);

    public void Dispose() => _lock.Dispose();
}
