using System.Data.Common;
using System.Runtime.Loader;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrations = "Forewarn.Migrations.Sqlite";
    public const string PostgresMigrations = "Forewarn.Migrations.Postgres";

    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<TerritoryScope>();
        // The options are built once, not for every request's context.
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            EnsureDataKeys(sp.GetRequiredService<IOptions<Common.SecurityOptions>>().Value);
            Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions db)
    {
        LoadMigrationsAssemblies();
        switch (db.Provider)
        {
            case DatabaseProvider.Sqlite:
                // A list in Contains travels as one JSON parameter: SQLite looks named parameters up one by one, so a
                // group of thousands of ids as thousands of parameters costs quadratic time to bind.
                options.UseSqlite(SqliteConnectionString(db.Path), o => o.MigrationsAssembly(SqliteMigrations)
                        .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(db.ConnectionString))
                {
                    throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                        ["Forewarn:Database:ConnectionString is required when Provider is Postgres."]);
                }
                options.UseNpgsql(db.ConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
                break;
        }
    }

    private static string? _dataKeys;
    private static readonly Lock DataKeysLock = new();

    /// <summary>Loads (or makes) the key ring that seals personal fields, with the configured cipher, once per key file and cipher.</summary>
    public static void EnsureDataKeys(Common.SecurityOptions security)
    {
        var cipher = Common.PersonalData.CipherName(security.Cipher)
            ?? throw new InvalidOperationException("Forewarn:Security:Cipher must be aes-gcm or sm4-gcm.");
        var which = cipher + "|" + security.DataKeyFile;
        // After the first call, a plain read answers.
        if (Volatile.Read(ref _dataKeys) == which)
        {
            return;
        }
        lock (DataKeysLock)
        {
            if (_dataKeys == which)
            {
                return;
            }
            Common.PersonalData.Configure(Common.PersonalData.LoadOrCreate(security.DataKeyFile) with { Cipher = cipher });
            Volatile.Write(ref _dataKeys, which);
        }
    }

    public static string SqliteConnectionString(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30, Pooling = true }.ToString();
    }

    /// <summary>
    /// The migrations live in their own generated assemblies, which reference this one; the build copies
    /// them beside the executable, and this resolver lets the runtime find them there.
    /// </summary>
    private static void LoadMigrationsAssemblies()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1)
        {
            return;
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrations or PostgresMigrations))
            {
                return null;
            }
            var file = System.IO.Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(file) ? context.LoadFromAssemblyPath(file) : null;
        };
    }

    private static int _resolverInstalled;

    /// <summary>Fails start-up when the embedded database is not in the durable mode the intake promises.</summary>
    public static async Task AssertDurableAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var journal = await ScalarAsync(connection, "PRAGMA journal_mode;", ct);
            var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;", ct);
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
            {
                throw new InvalidOperationException($"SQLite must run with journal_mode=WAL and synchronous=FULL (found {journal}, {synchronous}).");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Opens a SQLite connection of its own for a long-lived user (the intake's writer), with the settings every connection gets.</summary>
    public static async Task<SqliteConnection> OpenSqliteAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await SqlitePragmas.Instance.ConfigureAsync(connection, ct);
        return connection;
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// WAL persists in the file; synchronous, busy timeout and foreign keys are per connection, so they are set on the
    /// first open of each native connection. The pool hands the same native connection out again (EF Core opens one for
    /// most queries), and it keeps its settings.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (IsNew(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Sql;
                command.ExecuteNonQuery();
            }
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
            ConfigureAsync(connection, cancellationToken);

        public async Task ConfigureAsync(DbConnection connection, CancellationToken ct)
        {
            if (IsNew(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Sql;
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        private bool IsNew(DbConnection connection) =>
            connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, Instance);
    }
}
