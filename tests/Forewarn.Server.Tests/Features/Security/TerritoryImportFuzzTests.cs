using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// Mutation fuzzing of the territory importers behind <c>forewarn import territory|streets|segments</c> (the same mutator
/// as <see cref="FuzzTests"/>), each run against a scratch database of its own, migrated by the real migrations and
/// holding the real districts. Whatever the file holds, an import either succeeds or refuses it with
/// <see cref="InvalidDataException"/> — which the command prints as "Rejected FILE: …" and exits 1 — never with any other
/// exception (a crash) and never without an answer (a hang). These importers are command-line only: there is no HTTP
/// answer, so no 5xx to count.
/// </summary>
public abstract class TerritoryImportFuzzTests(ForewarnApp app) : ProviderTests(app)
{
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(60);

    private static readonly TerritoryOptions Options = new();

    /// <summary>A fresh, migrated, empty database; the returned factory opens a context on it.</summary>
    protected abstract Task<Func<AppDbContext>> ScratchAsync();

    protected abstract Task DropScratchAsync();

    [Fact]
    public async Task Mutated_territory_files_are_imported_or_rejected_never_crash_or_hang()
    {
        var open = await ScratchAsync();
        try
        {
            // The real districts first: the street importer needs their boundaries.
            var districtsFile = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "territory", "chongqing", "districts.geojson"), Ct);
            await using (var db = open())
            {
                var seeded = await ImportBoundaries.RunAsync(db, Options, new MemoryStream(Encoding.UTF8.GetBytes(districtsFile)), Ct);
                Assert.Equal(39, seeded.Added);
            }

            var yuzhong = JsonNode.Parse(districtsFile)!["features"]!.AsArray().First(f => f!["properties"]!["adcode"]!.GetValue<int>() == 500103)!.ToJsonString();
            string[] geoJson =
            [
                """{"type":"FeatureCollection","features":[""" + yuzhong + "]}",
                """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"adcode":500112,"name":"渝北区","center":[106.63,29.72]},"geometry":{"type":"Polygon","coordinates":[[[106.5,29.6],[106.8,29.6],[106.8,29.9],[106.5,29.9],[106.5,29.6]]]}},
                 {"type":"Feature","properties":{"adcode":"500103","name":"渝中区"},"geometry":{"type":"MultiPolygon","coordinates":[[[[106.5,29.5],[106.6,29.5],[106.6,29.58],[106.5,29.58],[106.5,29.5]]]]}}]}
                """,
            ];
            string[] streets =
            [
                "code,name,areaCode,areaName,cityCode,cityName\n500103001,七星岗街道,500103,渝中区,5001,市辖区\n500103003,解放碑街道,500103,渝中区,5001,市辖区\n"
                    + "500103004,两路口街道,500103,渝中区,5001,市辖区\n",
                "areaName,code,areaCode,name\r\n渝中区,500103005,500103,\"上清寺街道\"\r\n渝北区,500112011,500112,龙溪街道\r\n",
            ];
            string[] segments =
            [
                "prefix7,province,city,zip_code,area_code,card_type,carrier\n1390230,重庆,重庆,400000,023,中国移动GSM卡,中国移动\n"
                    + "1300230,重庆,重庆,400000,023,中国联通GSM卡,中国联通\n1899999,四川,成都,610000,028,中国电信CDMA卡,中国电信\n",
            ];

            await FuzzAsync("territory (GeoJSON)", geoJson, 60, async (db, input) =>
                await ImportBoundaries.RunAsync(db, Options, new MemoryStream(Encoding.UTF8.GetBytes(input)), Ct));
            await FuzzAsync("streets (CSV)", streets, 40, async (db, input) =>
                await ImportStreets.RunAsync(db, Options, new StringReader(input), Ct));
            await FuzzAsync("phone segments (CSV)", segments, 60, async (db, input) =>
                await ImportSegments.RunAsync(db, new StringReader(input), null, Ct));
        }
        finally
        {
            await DropScratchAsync();
        }

        async Task FuzzAsync(string what, string[] seeds, int iterations, Func<AppDbContext, string, Task> import)
        {
            iterations = Figures.FromEnvironment("FOREWARN_FUZZ_ITERATIONS", iterations);
            int executions = 0, imported = 0, rejected = 0, crashes = 0, hangs = 0;
            try
            {
                await Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.ULong).SampleAsync(async t =>
                {
                    var input = FuzzTests.Mutate(seeds[t.Item1], t.Item2);
                    var shown = input.Length > 300 ? input[..300] + "…" : input;
                    executions++;
                    await using var db = open();
                    var run = Task.Run(() => import(db, input), Ct);
                    try
                    {
                        await run.WaitAsync(HangAfter, Ct);
                        imported++;
                    }
                    catch (TimeoutException)
                    {
                        hangs++;
                        throw new Xunit.Sdk.XunitException($"import {what}: no answer within {HangAfter.TotalSeconds:F0} s for input:\n{shown}");
                    }
                    catch (InvalidDataException)
                    {
                        rejected++;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        crashes++;
                        throw new Xunit.Sdk.XunitException($"import {what} threw {e.GetType().Name} (not a rejection) for input:\n{shown}\n{e}");
                    }
                }, iter: iterations, threads: 1);
            }
            finally
            {
                Figures.Report($"fuzz import {what} ({App.Provider})", ("executions", executions), ("crashes", crashes), ("hangs", hangs),
                    ("5xx", "n/a (command line)"), ("imported", imported), ("rejected", rejected));
            }
            Assert.True(rejected > 0, $"import {what}: no mutated input was rejected, so the mutator did not reach the parser");
        }
    }
}

public sealed class TerritoryImportFuzzTests_Sqlite(SqliteApp app) : TerritoryImportFuzzTests(app)
{
    private readonly string _path = Path.Combine(app.Folder, $"territory-fuzz-{Guid.NewGuid():N}.db");

    protected override async Task<Func<AppDbContext>> ScratchAsync()
    {
        AppDbContext Open()
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Path = _path });
            return new AppDbContext(options.Options, new TerritoryScope(new HttpContextAccessor()));
        }
        await using var db = Open();
        await db.Database.MigrateAsync(Ct);
        return Open;
    }

    protected override Task DropScratchAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(App.Folder, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
        return Task.CompletedTask;
    }
}

public sealed class TerritoryImportFuzzTests_Postgres(PostgresApp app) : TerritoryImportFuzzTests(app)
{
    private readonly string _database = "forewarn_fuzz_" + Guid.NewGuid().ToString("N")[..12];

    private string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = _database }.ToString();

    protected override async Task<Func<AppDbContext>> ScratchAsync()
    {
        AppDbContext Open()
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = ConnectionString });
            return new AppDbContext(options.Options, new TerritoryScope(new HttpContextAccessor()));
        }
        await using var db = Open();
        await db.Database.MigrateAsync(Ct);
        return Open;
    }

    protected override async Task DropScratchAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var server = new Npgsql.NpgsqlConnection(PostgresApp.ServerConnectionString);
        await server.OpenAsync(Ct);
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync(Ct);
    }
}
