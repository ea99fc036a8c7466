using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Audit;

public abstract class AuditTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Only_the_audit_admin_reads_the_audit_log()
    {
        using var auditor = await App.ClientFor("audit.admin");
        foreach (var user in new[] { "city.analyst", "system.admin", "security.admin", "longxi.officer" })
        {
            using var other = await App.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/audit", Ct)).StatusCode);
        }
        var records = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=auth.login&take=50", Ct);
        Assert.Contains(records.EnumerateArray(), r => r.GetProperty("user").GetString() == "audit.admin" && r.GetProperty("result").GetString() == "ok");
        var seqs = records.EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.OrderDescending(), seqs);
    }

    [Fact]
    public async Task Revealing_personal_data_needs_a_reason_and_writes_one_audit_record()
    {
        var phone = Intake.NewPhone();
        var clue = Intake.Signal("clue", phone, TimeSpan.FromMinutes(1), subjectExtra: new { adminCode = "500112011001", name = "王五", idNumber = "500112199001010017" },
            extra: new { level = "high" });
        var id = (await App.SendAsync(clue))[0].WarningId!.Value;
        using var officer = await App.ClientFor("longxi.officer");
        using var grid = await App.ClientFor("longxi.grid");
        using var auditor = await App.ClientFor("audit.admin");

        var noReason = await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "" }, Ct);
        var shown = await (await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "电话劝阻需拨打" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var gridShown = await (await grid.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "上门核实身份" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(phone, shown.GetProperty("phone").GetString());
        Assert.Equal("王五", shown.GetProperty("name").GetString());
        Assert.Equal("500112199001010017", shown.GetProperty("idNumber").GetString());
        Assert.Equal("500112********0017", gridShown.GetProperty("idNumber").GetString());
        Assert.True(gridShown.GetProperty("idNumberWithheld").GetBoolean());
        var log = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=personal.reveal&take=500", Ct);
        var mine = log.EnumerateArray().Where(r => r.GetProperty("target").GetString()!.StartsWith($"warning {id}:")).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Contains(mine, r => r.GetProperty("user").GetString() == "longxi.officer" && r.GetProperty("target").GetString()!.Contains("电话劝阻需拨打"));
        Assert.DoesNotContain(phone, log.GetRawText());
    }

    [Fact]
    public async Task Changes_and_their_audit_records_share_one_chain_that_verifies()
    {
        using var officer = await App.ClientFor("longxi.officer");
        await officer.GetAsync("/api/v1/warnings?pageSize=5", Ct);
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var chain = App.Services.GetRequiredService<AuditChain>();
            var problem = await chain.VerifyAsync(db, Ct);
            Assert.True(problem is null, problem);
            Assert.True(await db.AuditRecords.AnyAsync(r => r.User == "longxi.officer" && r.Event == "GET /api/v1/warnings/", Ct));
        }
    }
}

public sealed class AuditTests_Sqlite(SqliteApp app) : AuditTests(app)
{
    public static TheoryData<string, string, string> Tampering => new()
    {
        { "edit", "UPDATE AuditRecords SET User = 'mallory' WHERE Seq = 3", "record 3 was altered" },
        { "delete a middle row", "DELETE FROM AuditRecords WHERE Seq = 3", "record 3 is missing" },
        { "insert", "INSERT INTO AuditRecords (Seq, At, User, Role, Unit, Event, Target, Result, Client, CorrelationId, PrevHash, Hash) "
            + "SELECT Seq + 1, At, 'mallory', Role, Unit, Event, Target, Result, Client, CorrelationId, Hash, Hash FROM AuditRecords ORDER BY Seq DESC LIMIT 1", "beyond the chain head" },
        { "reorder", "UPDATE AuditRecords SET Seq = -2 WHERE Seq = 2; UPDATE AuditRecords SET Seq = 2 WHERE Seq = 3; UPDATE AuditRecords SET Seq = 3 WHERE Seq = -2;", "record 2" },
        { "truncate the tail", "DELETE FROM AuditRecords WHERE Seq > (SELECT MAX(Seq) - 2 FROM AuditRecords)", "cut off the end" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Every_kind_of_tampering_is_detected(string kind, string sql, string expected)
    {
        // Make sure there are a few records, then work on a consistent copy so the shared database stays intact.
        for (var i = 0; i < 3; i++)
        {
            using var client = App.CreateClient();
            await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "x-" + kind }, Ct);
        }
        var copy = Path.Combine(App.Folder, $"tamper-{Guid.NewGuid():N}.db");
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            var vacuum = "VACUUM INTO '" + copy.Replace("'", "''", StringComparison.Ordinal) + "'";
            await db.Database.ExecuteSqlRawAsync(vacuum, Ct);
        }
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={copy};Pooling=False").Options;
        await using (var tampered = new AppDbContext(options, new TerritoryScope(new HttpContextAccessor())))
        {
            var chain = App.Services.GetRequiredService<AuditChain>();
            Assert.Null(await chain.VerifyAsync(tampered, Ct));
            await tampered.Database.ExecuteSqlRawAsync(sql, Ct);
            var problem = await chain.VerifyAsync(tampered, Ct);
            Assert.NotNull(problem);
            Assert.Contains(expected, problem);
        }
        SqliteConnection.ClearAllPools();
    }
}

public sealed class AuditTests_Postgres(PostgresApp app) : AuditTests(app);
