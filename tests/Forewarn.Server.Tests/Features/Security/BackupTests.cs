using System.Net;
using System.Net.Http.Json;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// <c>forewarn backup</c> and <c>restore</c> as real processes against the shared SQLite test database while it takes writes.
/// SQLite only: PostgreSQL is backed up with pg_dump (README).
/// </summary>
public sealed class BackupTests(SqliteApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_taken_under_writes_restores_into_a_new_folder_with_the_same_data_and_a_verifying_audit_chain()
    {
        var marker = "b." + Guid.NewGuid().ToString("N")[..10];
        using var admin = await app.ClientFor("system.admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users", new { username = marker, displayName = "备份", unitCode = "500112011" }, Ct)).StatusCode);

        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var name = "bw." + Guid.NewGuid().ToString("N")[..10];
                var response = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "写入", unitCode = "500112011" }, CancellationToken.None);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref writes);
            }
        }, Ct);

        var work = Directory.CreateTempSubdirectory("forewarn-backup-").FullName;
        var file = Path.Combine(work, "forewarn-backup.db");
        var backup = await ForewarnProcess.RunAsync("backup", "--data", app.Folder, "--out", file);
        await stop.CancelAsync();
        await writer;
        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(writes > 0, "the server took writes during the backup");

        var restored = Path.Combine(work, "restored");
        var restore = await ForewarnProcess.RunAsync("restore", "--from", file, "--data", restored);
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.False(Directory.Exists(Path.Combine(restored, "keys")) && Directory.GetFiles(Path.Combine(restored, "keys")).Length > 0, "keys are never restored from a backup");
        var again = await ForewarnProcess.RunAsync("restore", "--from", file, "--data", restored);
        Assert.Equal(1, again.ExitCode);

        ForewarnProcess.CopyKeys(app, restored);
        var verify = await ForewarnProcess.RunAsync("audit", "verify", "--data", restored);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("Audit chain intact", verify.Output);

        await using var db = new SqliteConnection($"Data Source={Path.Combine(restored, "forewarn.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync(Ct);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE UserName = $name";
        command.Parameters.AddWithValue("$name", marker);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Ct))!);
        command.CommandText = "SELECT COUNT(*) FROM AuditRecords WHERE Target = $name AND Event = 'POST /api/v1/users/'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Ct))!);
        Figures.Report("backup and restore (SQLite, forewarn backup/restore)", ("writes_during_backup", writes), ("audit_verify_exit", verify.ExitCode),
            ("marker_rows", 1));
    }

    [Fact]
    public async Task The_backup_file_holds_no_plaintext_of_a_sealed_secret()
    {
        var user = await app.NewUserAsync(Forewarn.Server.Features.Identity.Roles.StationOfficer);
        var (secret, _, _) = await app.EnrolAsync(user);
        var work = Directory.CreateTempSubdirectory("forewarn-backup-").FullName;
        var file = Path.Combine(work, "b.db");
        var backup = await ForewarnProcess.RunAsync("backup", "--data", app.Folder, "--out", file);
        Assert.True(backup.ExitCode == 0, backup.Output);
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        var hits = bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(secret))) >= 0 ? 1 : 0;
        Figures.Report("plaintext scan of a backup file (SQLite)", ("bytes_scanned", bytes.Length), ("plaintext_hits", hits));
        Assert.Equal(0, hits);
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(user)));
    }
}
