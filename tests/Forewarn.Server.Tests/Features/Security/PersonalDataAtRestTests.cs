using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>Seeds personal values nobody else uses, then looks for them in the raw database and its dump: none may appear.</summary>
public abstract class PersonalDataAtRestTests(ForewarnApp app) : ProviderTests(app)
{
    protected abstract Task<byte[]> DumpAsync();

    protected abstract string DumpKind { get; }

    [Fact]
    public async Task Seeded_personal_values_never_appear_in_plaintext_at_rest()
    {
        var phone = Intake.NewPhone();
        var name = "明文探针" + Guid.NewGuid().ToString("N")[..6];
        var id = "500112198003070019";
        var address = "重庆市渝北区龙溪街道探针路" + Random.Shared.Next(1000, 9999) + "号";
        var clue = Intake.Signal("clue", phone, TimeSpan.FromMinutes(1), subjectExtra: new { name, idNumber = id, address }, extra: new { level = "high" });
        var bad = Intake.Signal("clue", phone, TimeSpan.FromMinutes(1), subjectExtra: new { name }, extra: new { level = "unheard-of" });
        var results = await App.SendAsync(clue, bad);
        var warningId = results[0].WarningId!.Value;

        var shown = await App.WarningAsync(warningId);
        Assert.StartsWith(name[..1], shown.GetProperty("subject").GetProperty("name").GetString());
        using var officer = await App.ClientFor("longxi.officer");
        var revealed = await (await officer.PostAsJsonAsync($"/api/v1/warnings/{warningId}/reveal", new { reason = "核对当事人身份" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(phone, revealed.GetProperty("phone").GetString());
        Assert.Equal(name, revealed.GetProperty("name").GetString());

        var dump = await DumpAsync();
        var hits = new[] { phone, name, id, address }.Where(v => Contains(dump, v)).ToList();
        Figures.Report($"plaintext scan at rest ({App.Provider}, {DumpKind})", ("values_seeded", 4), ("bytes_scanned", dump.Length), ("plaintext_hits", hits.Count));
        Assert.True(hits.Count == 0, "plaintext found at rest: " + string.Join(", ", hits));
        Assert.True(dump.Length > 100_000, "the dump looks empty");
    }

    private static bool Contains(byte[] haystack, string value) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0;
}

public sealed class PersonalDataAtRestTests_Sqlite(SqliteApp app) : PersonalDataAtRestTests(app)
{
    protected override string DumpKind => "database, WAL and shared-memory files";

    protected override async Task<byte[]> DumpAsync()
    {
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", Ct);
        }
        var files = Directory.GetFiles(App.Folder, "forewarn.db*");
        using var all = new MemoryStream();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all, Ct);
        }
        return all.ToArray();
    }
}

public sealed class PersonalDataAtRestTests_Postgres(PostgresApp app) : PersonalDataAtRestTests(app)
{
    protected override string DumpKind => "pg_dump";

    /// <summary>A plain-format <c>pg_dump</c> of the whole test database (schema and data).</summary>
    protected override async Task<byte[]> DumpAsync()
    {
        var app = (PostgresApp)App;
        var (exitCode, dump, errors) = await PgTools.RunAsync("pg_dump", app.ConnectionString, "--no-owner", app.Database);
        Assert.True(exitCode == 0, "pg_dump failed: " + errors);
        return dump;
    }
}
