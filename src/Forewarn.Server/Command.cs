using System.Diagnostics;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Contacts;
using Forewarn.Server.Features.Demo;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Prevention;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server;

/// <summary>
/// The verbs of the one executable. Every verb builds the same host (so configuration and services are the
/// same everywhere); <c>serve</c> and <c>demo</c> then run the web server, the others do their work and exit.
/// </summary>
public sealed record Command(string Verb, string? File, string[] HostArgs)
{
    public const string Usage = """
        forewarn serve [--role all|web|worker] run the server (configuration: appsettings.json, Forewarn__… variables, --key=value);
                                               with Forewarn:Nats:Url set, web publishes signals to JetStream and worker correlates them
        forewarn demo [--simulate=false] [--urls URL] [--data DIR]
                                               fresh SQLite demo city under DIR (default ./data/demo) on http://127.0.0.1:5080
        forewarn db migrate                    apply migrations; creates the bootstrap admin on an empty database
        forewarn audit verify [--data DIR]     check the audit hash chain; exit 0 when intact, else 1 naming the first bad record
        forewarn backup [--data DIR] --out FILE
                                               online backup of the SQLite database (consistent while the server writes);
                                               keys are NOT included: keep DIR/keys safe separately (PostgreSQL: pg_dump, see README)
        forewarn restore --from FILE --data DIR
                                               restore a backup into an empty data folder; then put the keys back into DIR/keys
        forewarn classifier train --data FILE.csv --out MODEL
                                               train the fraud-type text classifier from labelled CSV (content,label)
        forewarn classifier evaluate --model MODEL --data FILE.csv
                                               per-class precision, recall and F1; last line macro-F1
        forewarn import territory FILE.geojson city, districts and counties (adcode, name, polygon)
        forewarn import streets FILE.csv       police stations per street/town (code,name,areaCode,…) and their grids
        forewarn import segments FILE.csv      seven-digit mobile segments (prefix7,province,city,zip_code,area_code,card_type,carrier)
        forewarn import indicators FILE        indicators, CSV (type,value,status,source,confidence,expiresAt) or NDJSON
        forewarn import contacts FILE          contact records, CSV (subscriber,counterparty,kind,at,durationSeconds) or NDJSON;
                                               matched against the blacklist, hits become signals
        """;

    public static Command Parse(string[] args)
    {
        string[] twoWords = ["audit verify", "classifier train", "classifier evaluate", "db migrate", "import territory", "import streets", "import segments", "import indicators", "import contacts"];
        if (args.Length >= 2 && twoWords.Contains(args[0] + " " + args[1]))
        {
            var verb = args[0] + " " + args[1];
            if (verb.StartsWith("import", StringComparison.Ordinal))
            {
                return args.Length >= 3 && !args[2].StartsWith('-')
                    ? new Command(verb, args[2], args[3..])
                    : new Command("help", null, []);
            }
            return new Command(verb, null, args[2..]);
        }
        return args switch
        {
            [] => new Command("serve", null, []),
            ["serve", .. var rest] => new Command("serve", null, rest),
            ["demo", .. var rest] => new Command("demo", null, rest),
            ["backup", .. var rest] => new Command("backup", null, rest),
            ["restore", .. var rest] => new Command("restore", null, rest),
            [var first, ..] when first.StartsWith('-') => new Command("serve", null, args),
            _ => new Command("help", null, []),
        };
    }

    /// <summary>The <c>--role</c> of <c>serve</c> (default <c>all</c>); anything else is a startup error, not a guess.</summary>
    public ServeRole Role(IConfiguration configuration) => configuration["role"] switch
    {
        null or "" or "all" => ServeRole.All,
        "web" => ServeRole.Web,
        "worker" => ServeRole.Worker,
        var other => throw new InvalidOperationException($"Unknown --role '{other}': use all, web or worker."),
    };

    /// <summary>Defaults a verb implies, below everything the user configures.</summary>
    public void AddDefaults(ConfigurationManager configuration)
    {
        // Under every other source, so configuration can turn them up again (Logging:LogLevel:<category>): every SQL
        // statement and every request at Information would bury what an operator needs.
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
            },
        });
        if (Verb != "demo" && configuration["data"] is not { Length: > 0 })
        {
            return;
        }
        var data = configuration["data"] is { Length: > 0 } dir ? dir : Path.Combine("data", "demo");
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:5080",
                [$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseProvider.Sqlite),
                [$"{AuthOptions.Section}:KeyFile"] = Path.Combine(data, "keys", "signing.key"),
                [$"{SecurityOptions.Section}:LookupKeyFile"] = Path.Combine(data, "keys", "lookup.key"),
                [$"{SecurityOptions.Section}:AuditKeyFile"] = Path.Combine(data, "keys", "audit.key"),
                [$"{SecurityOptions.Section}:DataKeyFile"] = Path.Combine(data, "keys", "data-keys.json"),
            },
        });
        // --data DIR means the SQLite database and keys in DIR; the demo always starts fresh there.
        configuration[$"{DatabaseOptions.Section}:Path"] = Path.Combine(data, "forewarn.db");
        if (Verb == "demo")
        {
            configuration[$"{DatabaseOptions.Section}:AutoMigrate"] = "true";
        }
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        switch (Verb)
        {
            case "serve":
                await PrepareDatabaseAsync(app);
                await app.RunAsync();
                return 0;
            case "demo":
                return await RunDemoAsync(app);
            case "audit verify":
                return await VerifyAuditAsync(app.Services);
            case "backup":
            case "restore":
                return await BackupOrRestoreAsync(app);
            case "classifier train":
            case "classifier evaluate":
                return await ClassifierCommand.RunAsync(Verb, HostArgs);
            case "db migrate":
                await MigrateAsync(app.Services);
                await BootstrapAdminAsync(app.Services);
                return 0;
            case "import territory":
            case "import streets":
            case "import segments":
            case "import indicators":
            case "import contacts":
                return await ImportAsync(app.Services);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> RunDemoAsync(WebApplication app)
    {
        var db = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db.Path))!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            System.IO.File.Delete(db.Path + suffix);
        }
        await PrepareDatabaseAsync(app);
        var clock = Stopwatch.StartNew();
        var seed = DemoSeed.FromEnvironment(residentsPerGrid: 5);
        await DemoSeed.RunAsync(app.Services, seed);
        var simulate = app.Configuration.GetValue("simulate", true);
        var urls = app.Configuration["urls"];
        Console.WriteLine($"""

            Forewarn demo — 重庆市反诈中心 (synthetic data, real territory)
              URL:        {urls}
              database:   {Path.GetFullPath(db.Path)} (fresh, seeded in {clock.Elapsed.TotalSeconds:F1} s)
              password:   {seed.Password}   (all demo accounts; set FOREWARN_DEMO_PASSWORD to choose it)
              API key:    {seed.ApiKey}   (source client '{DemoSeed.ClientName}'; set FOREWARN_DEMO_API_KEY to choose it)
              users:      {string.Join(", ", DemoSeed.Accounts.Select(a => a.User))}
              simulator:  {(simulate ? "on" : "off (--simulate=false)")}
              Demo accounts are exempt from the second factor; under serve, staff who see personal data enrol TOTP at first sign-in.

            """);
        await app.RunAsync();
        return 0;
    }

    private static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.AutoMigrate)
        {
            await db.Database.MigrateAsync();
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            throw new InvalidOperationException("The database has pending migrations: run `forewarn db migrate` first.");
        }
        await DatabaseSetup.AssertDurableAsync(db);
    }

    private static async Task MigrateAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        await DatabaseSetup.AssertDurableAsync(db);
        Console.WriteLine(pending.Count == 0 ? "Database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
    }

    /// <summary>On an empty database, one system admin with a one-time password that must be changed at first login.</summary>
    private static async Task BootstrapAdminAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync())
        {
            return;
        }
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var city = scope.ServiceProvider.GetRequiredService<IOptions<TerritoryOptions>>().Value.CityCode;
        var password = DemoSeed.MakePassword();
        var admin = new AppUser { UserName = "system.admin", DisplayName = "系统管理员", UnitCode = city, UnitPath = Unit.PathOf(null, city), MustChangePassword = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, Roles.SystemAdmin);
        Console.WriteLine($"Created the bootstrap admin 'system.admin' with the one-time password {password} — it must be changed at first sign-in.");
    }

    private async Task<int> ImportAsync(IServiceProvider services)
    {
        if (!System.IO.File.Exists(File))
        {
            await Console.Error.WriteLineAsync($"No such file: {File}");
            return 2;
        }
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var territory = scope.ServiceProvider.GetRequiredService<IOptions<TerritoryOptions>>().Value;
        try
        {
            switch (Verb)
            {
                case "import territory":
                    await using (var stream = System.IO.File.OpenRead(File!))
                    {
                        var result = await ImportBoundaries.RunAsync(db, territory, stream);
                        Console.WriteLine($"Territory: {result.Added} units added, {result.Updated} updated.");
                    }
                    break;
                case "import streets":
                    using (var reader = new StreamReader(File!))
                    {
                        var result = await ImportStreets.RunAsync(db, territory, reader);
                        Console.WriteLine($"Streets: {result.Stations} stations and {result.Grids} grids (synthetic boundaries); {result.SkippedNoDistrict} skipped for want of their district.");
                    }
                    break;
                case "import segments":
                    using (var reader = new StreamReader(File!))
                    {
                        var progress = new Progress<int>(n => Console.Write($"\rSegments: {n:N0} rows"));
                        var result = await ImportSegments.RunAsync(db, reader, progress);
                        Console.WriteLine($"\rSegments: {result.Imported:N0} imported, {result.Rejected:N0} rejected.");
                    }
                    break;
                case "import indicators":
                    using (var reader = new StreamReader(File!))
                    {
                        var result = await ImportIndicators.RunAsync(db, reader, IsCsv(File!), "import", Unit.PathOf(null, territory.CityCode),
                            TimeProvider.System, Bar("Indicators", "lines"), default);
                        Console.WriteLine($"\rIndicators: {result.Added:N0} added, {result.Updated:N0} updated, {result.Rejected:N0} rejected (kept for review).");
                    }
                    break;
                case "import contacts":
                    await using (var file = new FileStream(File!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                    {
                        await scope.ServiceProvider.GetRequiredService<BlacklistHolder>().RebuildAsync();
                        var clientId = await CommandLineClientAsync(db);
                        var scan = scope.ServiceProvider.GetRequiredService<ContactScan>();
                        var result = await scan.RunAsync(System.IO.Pipelines.PipeReader.Create(file, new(bufferSize: 1 << 16)), IsCsv(File!), clientId, "cli", Bar("Contacts", "records"), default);
                        Console.WriteLine($"\rContacts: {result.Received:N0} received, {result.Matched:N0} matched, {result.Signals:N0} new signals, " +
                            $"{result.Duplicates:N0} duplicates, {result.Rejected:N0} rejected (kept for review).");
                    }
                    break;
            }
            return 0;
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync($"Rejected {File}: {e.Message}");
            return 1;
        }
    }

    private static bool IsCsv(string file) => file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>A one-line progress display with the running rate.</summary>
    private static Progress<long> Bar(string what, string unit)
    {
        var clock = Stopwatch.StartNew();
        return new Progress<long>(n => Console.Write($"\r{what}: {n:N0} {unit} ({n / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0}/s)   "));
    }

    /// <summary>Records imported from the command line are signals from the source client <c>command-line</c>.</summary>
    private static async Task<int> CommandLineClientAsync(AppDbContext db)
    {
        const string name = "command-line";
        var id = await db.ApiClients.Where(c => c.Name == name).Select(c => (int?)c.Id).FirstOrDefaultAsync();
        if (id is not null)
        {
            return id.Value;
        }
        var client = new ApiClient { Name = name, KeyHash = ApiClient.Hash(ApiClient.NewKey()), Scopes = "", Disabled = true, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    private async Task<int> BackupOrRestoreAsync(WebApplication app)
    {
        var db = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("The database is PostgreSQL: back it up with pg_dump -Fc and restore with pg_restore (see README).");
            return 2;
        }
        var file = app.Configuration[Verb == "backup" ? "out" : "from"];
        if (string.IsNullOrEmpty(file))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            if (Verb == "backup")
            {
                var bytes = await SqliteBackup.BackupAsync(db.Path, file);
                Console.WriteLine($"Backed up {Path.GetFullPath(db.Path)} to {Path.GetFullPath(file)} ({bytes:N0} bytes). Keys are not in the backup: keep the keys folder safe separately.");
            }
            else
            {
                await SqliteBackup.RestoreAsync(file, db.Path);
                Console.WriteLine($"Restored {Path.GetFullPath(file)} to {Path.GetFullPath(db.Path)}. Put the keys folder back, then run `forewarn audit verify` with the same --data.");
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"{Verb} failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var count = await db.AuditRecords.CountAsync();
        var problem = await scope.ServiceProvider.GetRequiredService<Features.Audit.AuditChain>().VerifyAsync(db, default);
        if (problem is null)
        {
            Console.WriteLine($"Audit chain intact: {count:N0} records.");
            return 0;
        }
        await Console.Error.WriteLineAsync($"Audit chain broken: {problem}.");
        return 1;
    }
}
