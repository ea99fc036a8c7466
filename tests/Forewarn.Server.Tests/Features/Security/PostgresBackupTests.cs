using System.Net;
using System.Net.Http.Json;
using Forewarn.Server.Tests.Infrastructure;
using Npgsql;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// The PostgreSQL backup procedure of the README, run for real against the shared test database while it takes writes:
/// <c>pg_dump -Fc</c>, <c>pg_restore</c> into an empty database, then every table's row count compared with the dump's
/// snapshot and <c>forewarn audit verify</c> run on the restored database with the keys kept apart.
/// </summary>
public sealed class PostgresBackupTests(PostgresApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pg_dump_taken_under_writes_restores_with_the_same_row_counts_and_a_verifying_audit_chain()
    {
        var marker = "pgb." + Guid.NewGuid().ToString("N")[..10];
        using var admin = await app.ClientFor("system.admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users", new { username = marker, displayName = "备份", unitCode = "500112011" }, Ct)).StatusCode);

        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var name = "pgbw." + Guid.NewGuid().ToString("N")[..10];
                var response = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "写入", unitCode = "500112011" }, CancellationToken.None);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref writes);
            }
        }, Ct);

        var work = Directory.CreateTempSubdirectory("forewarn-pgdump-").FullName;
        var file = Path.Combine(work, "forewarn.dump");
        var restoredDb = "forewarn_restored_" + Guid.NewGuid().ToString("N")[..12];
        var restored = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = restoredDb }.ToString();
        try
        {
            // The dump reads one snapshot; the same snapshot, exported, gives the row counts it must restore to.
            Dictionary<string, long> before;
            await using (var source = new NpgsqlConnection(app.ConnectionString))
            {
                await source.OpenAsync(Ct);
                await using var snapshot = await source.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Ct);
                var id = (string)(await Scalar(source, "SELECT pg_export_snapshot()"))!;
                before = await CountRowsAsync(source);
                var dump = await PgTools.RunAsync("pg_dump", app.ConnectionString, "-Fc", "--no-owner", "--snapshot", id, "-f", file, app.Database);
                Assert.True(dump.ExitCode == 0, "pg_dump failed: " + dump.Errors);
                await snapshot.CommitAsync(Ct);
            }
            await stop.CancelAsync();
            await writer;
            Assert.True(writes > 0, "the server took writes during the dump");

            await using (var server = new NpgsqlConnection(PostgresApp.ServerConnectionString))
            {
                await server.OpenAsync(Ct);
                await Scalar(server, $"CREATE DATABASE \"{restoredDb}\"");
            }
            var restore = await PgTools.RunAsync("pg_restore", restored, "--no-owner", "--exit-on-error", "-d", restoredDb, file);
            Assert.True(restore.ExitCode == 0, "pg_restore failed: " + restore.Errors);

            Dictionary<string, long> after;
            await using (var copy = new NpgsqlConnection(restored))
            {
                await copy.OpenAsync(Ct);
                after = await CountRowsAsync(copy);
                await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"UserName\" = $1", copy) { Parameters = { new() { Value = marker } } };
                Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Ct))!);
            }
            var differing = before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t, -1) != after.GetValueOrDefault(t, -1)).ToList();

            // The keys never travel with the dump: the verifier gets them from where the server keeps them.
            var verify = await ForewarnProcess.RunAsync(new Dictionary<string, string>
            {
                ["Forewarn__Database__Provider"] = "Postgres",
                ["Forewarn__Database__ConnectionString"] = restored,
                ["Forewarn__Security__AuditKeyFile"] = Path.Combine(app.Folder, "audit.key"),
                ["Forewarn__Security__LookupKeyFile"] = Path.Combine(app.Folder, "lookup.key"),
                ["Forewarn__Security__DataKeyFile"] = ForewarnApp.SharedDataKeys,
                ["Forewarn__Auth__KeyFile"] = Path.Combine(app.Folder, "signing.key"),
            }, "audit", "verify");
            Figures.Report("pg_dump backup and pg_restore (PostgreSQL)", ("tables", after.Count), ("rows", after.Values.Sum()), ("tables_with_other_counts", differing.Count),
                ("writes_during_dump", writes), ("audit_verify_exit", verify.ExitCode));
            Assert.True(differing.Count == 0, "row counts differ: " + string.Join(", ", differing.Select(t => $"{t} {before.GetValueOrDefault(t, -1)}→{after.GetValueOrDefault(t, -1)}")));
            Assert.True(before.Count > 20, $"only {before.Count} tables counted");
            Assert.True(verify.ExitCode == 0, verify.Output);
            Assert.Contains("Audit chain intact", verify.Output);
        }
        finally
        {
            await stop.CancelAsync();
            NpgsqlConnection.ClearAllPools();
            await using (var server = new NpgsqlConnection(PostgresApp.ServerConnectionString))
            {
                await server.OpenAsync(CancellationToken.None);
                await Scalar(server, $"DROP DATABASE IF EXISTS \"{restoredDb}\" WITH (FORCE)");
            }
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(CancellationToken.None);
    }

    /// <summary>Row counts of every table in the public schema, read in the connection's current transaction.</summary>
    private static async Task<Dictionary<string, long>> CountRowsAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = (long)(await Scalar(connection, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))!;
        }
        return counts;
    }
}
