using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text;
using Forewarn.Server.Data;
using Forewarn.Server.Tests.Features.Demo;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>
/// Where a real <c>forewarn</c> process (<see cref="ServerProcess"/>) keeps its data: a folder for <c>--data DIR</c> (the keys,
/// and on SQLite the database) and, on PostgreSQL, a database of its own on the test server, made by the first start's
/// migrations and dropped at the end. The checks a test makes afterwards read the database directly.
/// </summary>
public sealed class ProcessDatabase : IAsyncDisposable
{
    private ProcessDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        Data = Directory.CreateTempSubdirectory("forewarn-process-").FullName;
        if (provider == DatabaseProvider.Postgres)
        {
            Database = "forewarn_process_" + Guid.NewGuid().ToString("N")[..12];
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = Database, Pooling = false }.ToString();
        }
    }

    public static ProcessDatabase Create(DatabaseProvider provider) => new(provider);

    public DatabaseProvider Provider { get; }

    /// <summary>The <c>--data</c> folder: keys in <c>keys/</c>, the SQLite database <c>forewarn.db</c>.</summary>
    public string Data { get; }

    public string? Database { get; }

    public string? ConnectionString { get; }

    public string SqliteFile => Path.Combine(Data, "forewarn.db");

    /// <summary>What points a process (server or command) at this database, beside <c>--data</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment => Provider == DatabaseProvider.Postgres
        ? new Dictionary<string, string> { ["Forewarn__Database__Provider"] = "Postgres", ["Forewarn__Database__ConnectionString"] = ConnectionString! }
        : new Dictionary<string, string>();

    /// <summary>A connection straight to the database (identifiers in double quotes work on both).</summary>
    public DbConnection Connect() => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(ConnectionString)
        : new SqliteConnection($"Data Source={SqliteFile};Pooling=False");

    public async Task<List<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// The database's own consistency check, "ok" or what is wrong: SQLite's <c>PRAGMA integrity_check</c> and
    /// <c>foreign_key_check</c>; on PostgreSQL <c>pg_amcheck --heapallindexed</c> (every table and B-tree index, and every
    /// row found in its indexes) — PostgreSQL enforces foreign keys itself.
    /// </summary>
    public async Task<string> CheckIntegrityAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var (exitCode, output, errors) = await PgTools.RunAsync("pg_amcheck", ConnectionString!, "--install-missing", "--heapallindexed", Database!);
            return exitCode == 0 ? "ok" : $"pg_amcheck exit {exitCode}: {Encoding.UTF8.GetString(output)} {errors}".Trim();
        }
        var integrity = string.Join("; ", (await QueryAsync("PRAGMA integrity_check", ct)).Select(r => r[0]));
        var foreignKeys = (await QueryAsync("PRAGMA foreign_key_check", ct)).Count;
        return foreignKeys == 0 ? integrity : $"{integrity}; {foreignKeys} foreign-key problems";
    }

    /// <summary><c>forewarn audit verify</c> on this database with the keys of the data folder.</summary>
    public Task<(int ExitCode, string Output)> VerifyAuditAsync() => ForewarnProcess.RunAsync(Environment, "audit", "verify", "--data", Data);

    /// <summary>Everything at rest: the SQLite files (checkpointed) or a plain-format <c>pg_dump</c> of the whole database.</summary>
    public async Task<byte[]> DumpAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var (exitCode, dump, errors) = await PgTools.RunAsync("pg_dump", ConnectionString!, "--no-owner", Database!);
            Assert.True(exitCode == 0, "pg_dump failed: " + errors);
            return dump;
        }
        await QueryAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(Data, "forewarn.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all, ct);
        }
        return all.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (Database is not null)
        {
            await using var server = new NpgsqlConnection(PostgresApp.ServerConnectionString);
            await server.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// The real <c>forewarn</c> executable serving on 127.0.0.1 (a free port) over a <see cref="ProcessDatabase"/>: <c>demo</c>
/// (seeds the city, no simulator) or <c>serve</c> on what an earlier start left. Its output is kept for a failure message.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, HttpClient http)
    {
        Process = process;
        Http = http;
    }

    public Process Process { get; }

    /// <summary>A client of the server; with an API key, it calls as that source client.</summary>
    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts it and waits until it answers; <paramref name="settings"/> is more environment (e.g. <c>Forewarn__Security__Cipher</c>).</summary>
    public static async Task<ServerProcess> StartAsync(ProcessDatabase database, bool demo, string apiKey, string password,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{DemoCommandTests.FreePort()}";
        string[] args = demo ? ["demo", "--simulate=false", "--urls", url, "--data", database.Data] : ["serve", "--urls", url, "--data", database.Data];
        var start = ForewarnProcess.StartInfo(args);
        start.Environment["FOREWARN_DEMO_API_KEY"] = apiKey;
        start.Environment["FOREWARN_DEMO_PASSWORD"] = password;
        foreach (var (key, value) in database.Environment.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        // Generous: the machine running the tests may be busy with other work.
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var server = new ServerProcess(process, http);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            // The tail is what explains a failure; a long run must not grow without end.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }
            _output.AppendLine(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        // The demo seeds a whole city first: on a busy machine that takes minutes.
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(10) && !Process.HasExited)
        {
            try
            {
                if ((await Http.GetAsync("/healthz", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
            }
            await Task.Delay(500, ct);
        }
        Assert.Fail($"forewarn did not become healthy in {waited.Elapsed.TotalSeconds:F0} s (exited: {Process.HasExited})\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
        }
        await Process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
        Http.Dispose();
    }
}
