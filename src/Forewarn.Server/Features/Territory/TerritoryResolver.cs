using Forewarn.Engine.Territory;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.IO;

namespace Forewarn.Server.Features.Territory;

/// <summary>
/// Holds the current <see cref="TerritoryMap"/> and swaps it whole after an import, so readers never see
/// half a territory.
/// </summary>
public sealed class TerritoryResolver(IServiceScopeFactory scopes, IOptions<TerritoryOptions> options) : IDisposable
{
    private volatile TerritoryMap? _map;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public void Dispose() => _loading.Dispose();

    public async ValueTask<TerritoryMap> GetMapAsync(CancellationToken ct = default) => _map ?? await ReloadAsync(ct);

    public async Task<TerritoryMap> ReloadAsync(CancellationToken ct = default)
    {
        await _loading.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TerritoryScope>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.Units.AsNoTracking()
                .Select(u => new { u.Code, u.Name, u.Level, u.ParentCode, u.UnitPath, u.StreetName, u.Boundary })
                .ToListAsync(ct);
            var segments = await db.PhoneSegments.AsNoTracking().ToListAsync(ct);
            var reader = new WKBReader();
            var map = new TerritoryMap(options.Value,
                rows.Select(r => (new UnitInfo(r.Code, r.Name, r.Level, r.ParentCode, r.UnitPath), r.StreetName,
                    r.Boundary is null ? null : reader.Read(r.Boundary))),
                new PhoneSegmentTable(segments.Select(s => new PhoneSegment(s.Prefix.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                    s.Province, s.City, s.AreaCode, s.Carrier))));
            _map = map;
            return map;
        }
        finally
        {
            _loading.Release();
        }
    }
}
