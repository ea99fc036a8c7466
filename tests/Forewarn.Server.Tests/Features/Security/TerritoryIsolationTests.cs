using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Forewarn.Engine;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// Territory isolation as a property: random users at every level of the real unit tree, random records (warnings raised
/// by signals at random grids, cases filed at random units, rejected items in quarantine, notifications), and every list,
/// detail, search and export endpoint for every user. Not one row outside the caller's territory; every detail inside it
/// is reachable, every one outside is 404. CsCheck prints the seed of a failing example.
/// </summary>
public abstract class TerritoryIsolationTests(ForewarnApp app) : ProviderTests(app)
{
    private sealed record Place(string Code, string Path, UnitLevel Level, double? Lat, double? Lon);

    private sealed record Scenario(int[] Users, int[] Signals, int[] Cases, bool Rejected);

    [Fact]
    public async Task No_endpoint_returns_a_row_outside_the_callers_territory()
    {
        List<Place> units;
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            units = (await db.Units.IgnoreQueryFilters().AsNoTracking().Select(u => new { u.Code, u.UnitPath, u.Level, u.CenterLat, u.CenterLon }).ToListAsync(Ct))
                .Select(u => new Place(u.Code, u.UnitPath, u.Level, u.CenterLat, u.CenterLon)).ToList();
        }
        // 江津区 (500116) is left to CrackdownByUnitTests, whose figures count every case there.
        units = [.. units.Where(u => !u.Code.StartsWith("500116", StringComparison.Ordinal))];
        var byLevel = Enum.GetValues<UnitLevel>().ToDictionary(l => l, l => units.Where(u => u.Level == l).ToList());
        var grids = byLevel[UnitLevel.Grid].Where(g => g.Lat is not null).ToList();
        var paths = units.ToDictionary(u => u.Code, u => u.Path);
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);

        var scenarios =
            from users in Gen.Int[0, int.MaxValue].Array[4]
            from signals in Gen.Int[0, grids.Count - 1].Array[2, 6]
            from cases in Gen.Int[0, byLevel[UnitLevel.Station].Count - 1].Array[1, 3]
            from rejected in Gen.Bool
            select new Scenario(users, signals, cases, rejected);

        int examples = 0, callersChecked = 0;
        long rowsChecked = 0, leaks = 0;
        try
        {
            await scenarios.SampleAsync(async s =>
            {
                Interlocked.Increment(ref examples);
                // One user per level: the city analyst, a district dispatcher, a station officer, a grid worker.
                var callers = new List<(string User, string Path)>();
                (UnitLevel Level, string Role)[] levels =
                    [(UnitLevel.City, Roles.CityAnalyst), (UnitLevel.District, Roles.DistrictDispatcher), (UnitLevel.Station, Roles.StationOfficer), (UnitLevel.Grid, Roles.GridWorker)];
                foreach (var ((level, role), pick) in levels.Zip(s.Users))
                {
                    var unit = byLevel[level][pick % byLevel[level].Count];
                    callers.Add((await App.NewUserAsync(role, unit.Code, unit.Path, demo: true), unit.Path));
                }

                var warnings = new List<long>();
                var items = s.Signals.Select(g => Intake.Call(Intake.NewPhone(), fraud, 900, TimeSpan.FromMinutes(2), new { lat = grids[g].Lat, lon = grids[g].Lon })).ToList();
                if (s.Rejected)
                {
                    items.Add(Intake.Call("not-a-phone", fraud, 900, TimeSpan.FromMinutes(2)));
                }
                warnings.AddRange((await App.SendAsync([.. items])).Where(r => r.WarningId is not null).Select(r => r.WarningId!.Value));
                Assert.Equal(s.Signals.Length, warnings.Count);

                var cases = new List<long>();
                using (var analyst = await App.ClientFor("city.analyst"))
                {
                    var shared = Intake.NewFraudPhone();
                    foreach (var c in s.Cases)
                    {
                        var created = await analyst.PostAsJsonAsync("/api/v1/cases", new
                        {
                            title = "属地隔离测试", fraudType = "fake_police", loss = 1000m, unitCode = byLevel[UnitLevel.Station][c].Code,
                            indicators = new[] { new { type = "phone", value = shared } },
                        }, Ct);
                        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                        cases.Add((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64());
                    }
                }

                Dictionary<long, string> warningPaths, casePaths;
                var db = App.NewDbContext(out var scope);
                using (scope)
                {
                    warningPaths = await db.Warnings.IgnoreQueryFilters().Where(w => warnings.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.UnitPath, Ct);
                    casePaths = await db.Cases.IgnoreQueryFilters().Where(c => cases.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.UnitPath, Ct);
                }
                // The property is only worth something if some records fall outside some caller's territory.
                Assert.Contains(callers, c => warningPaths.Values.Concat(casePaths.Values).Any(p => !p.StartsWith(c.Path, StringComparison.Ordinal)));

                foreach (var (user, path) in callers)
                {
                    Interlocked.Increment(ref callersChecked);
                    using var client = await App.ClientFor(user);
                    async Task<JsonElement> Get(string url)
                    {
                        var response = await client.GetAsync(url, Ct);
                        Assert.True(response.IsSuccessStatusCode, $"{user}: GET {url} → {(int)response.StatusCode}");
                        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                    }
                    async Task<Dictionary<long, string>> PathsOf<T>(Func<Forewarn.Server.Data.AppDbContext, IQueryable<T>> set, IEnumerable<long> ids, Func<T, long> id, Func<T, string> unitPath)
                    {
                        var list = ids.ToList();
                        var db = App.NewDbContext(out var scope);
                        using (scope)
                        {
                            return (await set(db).ToListAsync(Ct)).Where(x => list.Contains(id(x))).ToDictionary(id, unitPath);
                        }
                    }
                    // Other tests add units while this one runs: a code not seen at the start is looked up now.
                    async Task<string?> PathOf(string code)
                    {
                        if (!paths.TryGetValue(code, out var found))
                        {
                            var db = App.NewDbContext(out var scope);
                            using (scope)
                            {
                                found = await db.Units.IgnoreQueryFilters().Where(u => u.Code == code).Select(u => u.UnitPath).FirstOrDefaultAsync(Ct);
                            }
                        }
                        return found;
                    }
                    void Inside(string what, string? rowPath)
                    {
                        Interlocked.Increment(ref rowsChecked);
                        var inside = rowPath is not null && rowPath.StartsWith(path, StringComparison.Ordinal);
                        if (!inside)
                        {
                            Interlocked.Increment(ref leaks);
                        }
                        Assert.True(inside, $"{user} ({path}) got {what} at {rowPath}");
                    }
                    // A detail answered 200 outside the territory is a leaked row too.
                    void Status(HttpStatusCode expected, HttpStatusCode actual, string what)
                    {
                        Interlocked.Increment(ref rowsChecked);
                        if (expected == HttpStatusCode.NotFound && actual != HttpStatusCode.NotFound)
                        {
                            Interlocked.Increment(ref leaks);
                        }
                        Assert.True(expected == actual, $"{user} ({path}): {what} → {(int)actual}, expected {(int)expected}");
                    }

                    var list = await Get("/api/v1/warnings?pageSize=200");
                    foreach (var item in list.GetProperty("items").EnumerateArray())
                    {
                        Inside($"warning {item.GetProperty("id")}", await PathOf(item.GetProperty("unit").GetProperty("code").GetString()!));
                    }
                    foreach (var (id, warningPath) in warningPaths)
                    {
                        var expected = warningPath.StartsWith(path, StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                        Status(expected, (await client.GetAsync($"/api/v1/warnings/{id}", Ct)).StatusCode, $"warning {id}");
                        var reveal = await client.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "属地隔离测试" }, Ct);
                        if (expected == HttpStatusCode.NotFound)
                        {
                            Status(HttpStatusCode.NotFound, reveal.StatusCode, $"reveal of warning {id}");
                        }
                    }
                    var export = await client.GetStringAsync("/api/v1/warnings/export?format=csv", Ct);
                    var exported = export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => long.Parse(l.Split(',')[0].Trim('"', '\uFEFF'), System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                    foreach (var (id, warningPath) in warningPaths)
                    {
                        var expected = warningPath.StartsWith(path, StringComparison.Ordinal);
                        Interlocked.Increment(ref rowsChecked);
                        if (!expected && exported.Contains(id))
                        {
                            Interlocked.Increment(ref leaks);
                        }
                        Assert.Equal(expected, exported.Contains(id));
                    }

                    foreach (var (id, casePath) in casePaths)
                    {
                        var expected = casePath.StartsWith(path, StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                        Status(expected, (await client.GetAsync($"/api/v1/cases/{id}", Ct)).StatusCode, $"case {id}");
                    }
                    var series = await Get("/api/v1/series?minCases=1");
                    var seriesCases = series.EnumerateArray().SelectMany(x => x.GetProperty("cases").EnumerateArray().Select(c => c.GetInt64())).ToList();
                    foreach (var (_, p) in await PathsOf(d => d.Cases.IgnoreQueryFilters().Select(c => new { c.Id, c.UnitPath }), seriesCases, c => c.Id, c => c.UnitPath))
                    {
                        Inside("a case in a series", p);
                    }

                    foreach (var unit in (await Get("/api/v1/units")).EnumerateArray())
                    {
                        Inside($"unit {unit.GetProperty("code")}", await PathOf(unit.GetProperty("code").GetString()!));
                    }
                    foreach (var code in s.Signals.Select(g => grids[g].Code).Concat(s.Cases.Select(c => byLevel[UnitLevel.Station][c].Code)))
                    {
                        var expected = paths[code].StartsWith(path, StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                        Status(expected, (await client.GetAsync($"/api/v1/units/{code}", Ct)).StatusCode, $"unit {code}");
                    }

                    var notifications = (await Get("/api/v1/notifications?take=500")).EnumerateArray().Select(n => n.GetProperty("id").GetInt64());
                    foreach (var (_, p) in await PathsOf(d => d.Notifications.IgnoreQueryFilters().Select(n => new { n.Id, n.UnitPath }), notifications, n => n.Id, n => n.UnitPath))
                    {
                        Inside("a notification", p);
                    }
                    var quarantine = (await Get("/api/v1/quarantine?take=500")).EnumerateArray().Select(q => q.GetProperty("id").GetInt64());
                    foreach (var (_, p) in await PathsOf(d => d.Quarantine.IgnoreQueryFilters().Select(q => new { q.Id, q.UnitPath }), quarantine, q => q.Id, q => q.UnitPath))
                    {
                        Inside("a quarantined item", p);
                    }
                }
            }, iter: 5, threads: 1);
        }
        finally
        {
            Figures.Report($"territory isolation ({App.Provider})", ("examples", examples), ("callers", callersChecked), ("rows_and_details_checked", rowsChecked),
                ("leaked_rows", leaks));
        }
    }
}

public sealed class TerritoryIsolationTests_Sqlite(SqliteApp app) : TerritoryIsolationTests(app);

public sealed class TerritoryIsolationTests_Postgres(PostgresApp app) : TerritoryIsolationTests(app);
