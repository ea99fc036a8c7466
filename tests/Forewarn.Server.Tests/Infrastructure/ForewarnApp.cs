using System.Net.Http.Headers;
using System.Net.Http.Json;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Forewarn.Server.Tests.Infrastructure.SqliteApp))]
[assembly: AssemblyFixture(typeof(Forewarn.Server.Tests.Infrastructure.PostgresApp))]

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a real database, migrated by the real migrations and seeded like the demo
/// (territory and accounts; no residents). One instance per provider is shared by the whole test run, so
/// every test makes its own records and never relies on another test's.
/// </summary>
public abstract class ForewarnApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Forewarn-Test-2026";
    public const string ApiKey = "fw_test_0123456789abcdef0123456789abcdef";

    private readonly Dictionary<string, string> _tokens = [];
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public string Folder { get; } = Directory.CreateTempSubdirectory("forewarn-test-").FullName;

    public static readonly string SharedDataKeys = WriteRotatedKeyRing(Path.Combine(Directory.CreateTempSubdirectory("forewarn-keys-").FullName, "data-keys.json"));

    /// <summary>The retired data key of <see cref="SharedDataKeys"/>: it still opens what it sealed, but seals nothing new.</summary>
    public const string RetiredDataKey = "k-retired";

    /// <summary>A data key ring as it is after one rotation: a retired key and the active one (see <c>StoredPersonalDataTests</c>).</summary>
    private static string WriteRotatedKeyRing(string path)
    {
        string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { active = "k-active", keys = new Dictionary<string, string> { [RetiredDataKey] = NewKey(), ["k-active"] = NewKey() } }));
        return path;
    }

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Every log line of this server passes here (see <c>PersonalDataLogTests</c>).</summary>
    public LogWatch Log { get; } = new();

    protected virtual int RateLimitSignIn => 100_000;

    protected abstract IEnumerable<KeyValuePair<string, string>> DatabaseSettings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in DatabaseSettings())
        {
            builder.UseSetting(key, value);
        }
        // The serve path itself migrates, as a development deployment would.
        builder.UseSetting("Forewarn:Database:AutoMigrate", "true");
        // Every in-process test client shares one address; rate limiting has its own test.
        builder.UseSetting("Forewarn:RateLimits:SignInPerMinute", RateLimitSignIn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Forewarn:RateLimits:PublicPerMinute", RateLimitSignIn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Forewarn:RateLimits:ExportsPerMinute", "100000");
        builder.UseSetting("Forewarn:Auth:KeyFile", Path.Combine(Folder, "signing.key"));
        builder.UseSetting("Forewarn:Security:LookupKeyFile", Path.Combine(Folder, "lookup.key"));
        builder.UseSetting("Forewarn:Security:AuditKeyFile", Path.Combine(Folder, "audit.key"));
        // One process, one data key ring (EF builds its converters once): every app of the test run shares it.
        builder.UseSetting("Forewarn:Security:DataKeyFile", SharedDataKeys);
        builder.UseEnvironment("Testing");
        // The log watch sees every line (the categories the server turns down by default included); the console only
        // warnings, so a failure is not buried in SQL.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(Log)
            .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning));
    }

    public virtual async ValueTask InitializeAsync()
    {
        await DemoSeed.RunAsync(Services, new DemoSeed.Options(Password, ApiKey, ResidentsPerGrid: 0));
    }

    public AppDbContext NewDbContext(out IServiceScope scope)
    {
        scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }

    /// <summary>A client signed in as a demo account (bearer token cached per user).</summary>
    public async Task<HttpClient> ClientFor(string user, string password = Password)
    {
        await _tokenLock.WaitAsync();
        try
        {
            if (!_tokens.TryGetValue(user, out var token))
            {
                using var anonymous = CreateClient();
                var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });
                response.EnsureSuccessStatusCode();
                token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
                _tokens[user] = token;
            }
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    public HttpClient SourceClient(string key = ApiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, bool MustChangePassword);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : ForewarnApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Sqlite"),
        new("Forewarn:Database:Path", Path.Combine(Folder, "forewarn.db")),
    ];
}

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>FOREWARN_TEST_POSTGRES</c>, which <c>./test.sh</c>
/// starts. Without it the PostgreSQL half of the suite fails loudly rather than being skipped.
/// </summary>
public sealed class PostgresApp : ForewarnApp
{
    public static string ServerConnectionString => Environment.GetEnvironmentVariable("FOREWARN_TEST_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("FOREWARN_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    public string Database { get; } = "forewarn_test_" + Guid.NewGuid().ToString("N")[..12];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Database }.ToString();

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Postgres"),
        new("Forewarn:Database:ConnectionString", ConnectionString),
    ];
}
