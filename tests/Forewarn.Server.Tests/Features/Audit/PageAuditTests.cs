using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Audit;

/// <summary>Pages call the handlers directly, so the page itself is audited: who opened which page, when, with what result.</summary>
public abstract class PageAuditTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Opening_a_page_that_shows_personal_data_writes_one_sealed_audit_record()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var phone = Intake.NewFraudPhone();
        var before = await PageRecordsAsync();

        var response = await officer.GetAsync($"/two-cards?number={phone}", Ct);

        Assert.True(response.IsSuccessStatusCode);
        var record = Assert.Single(await PageRecordsAsync(), a => before.All(b => b.Seq != a.Seq));
        Assert.Equal(("page GET /two-cards", "/two-cards", "ok", true), (record.Event, record.Target, record.Result, record.IsSealed));
        // The query (here a phone number) is not written into the log.
        Assert.DoesNotContain(phone, record.Target!, StringComparison.Ordinal);
    }

    private async Task<List<Forewarn.Server.Features.Audit.AuditRecord>> PageRecordsAsync()
    {
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            return await db.AuditRecords.AsNoTracking().Where(a => a.User == "longxi.officer" && a.Event == "page GET /two-cards").ToListAsync(Ct);
        }
    }
}

public sealed class PageAuditTests_Sqlite(SqliteApp app) : PageAuditTests(app);

public sealed class PageAuditTests_Postgres(PostgresApp app) : PageAuditTests(app);
