using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Signals;

public abstract class ContactRecordTests(ForewarnApp app) : ProviderTests(app)
{
    public sealed record Counts(long Received, long Matched, long Signals, long Duplicates, long Rejected);

    private async Task<Counts> PostAsync(string body, string contentType)
    {
        using var client = App.SourceClient();
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await client.PostAsync("/api/v1/contacts", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Counts>(Ct))!;
    }

    [Fact]
    public async Task Only_blacklist_hits_become_signals_and_a_resent_file_counts_once()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var csv = new StringBuilder("subscriber,counterparty,kind,at,durationSeconds\n");
        for (var i = 0; i < 2_000; i++)
        {
            var hit = i % 500 == 7;
            csv.Append($"{Intake.NewPhone()},{(hit ? fraud : Intake.NewPhone())},{(i % 3 == 0 ? "sms" : "call")},{Intake.At(TimeSpan.FromMinutes(i % 50))},{i % 300}\n");
        }
        csv.Append("13800000000,,call,2026-11-28T09:00:00+08:00,10\n");
        csv.Append("not-a-phone,17000000000,call,2026-11-28T09:00:00+08:00,10\n");
        csv.Append("13800000000,17000000000,fax,2026-11-28T09:00:00+08:00,10\n");

        var first = await PostAsync(csv.ToString(), "text/csv");
        var again = await PostAsync(csv.ToString(), "text/csv");

        Assert.Equal(new Counts(2_003, 4, 4, 0, 3), first);
        Assert.Equal(new Counts(2_003, 4, 0, 4, 3), again);
    }

    [Fact]
    public async Task Ndjson_contact_records_are_matched_too()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();
        var body = $"{{\"subscriber\":\"{subject}\",\"counterparty\":\"+86 {fraud[..3]} {fraud[3..7]} {fraud[7..]}\",\"kind\":\"call\",\"at\":\"{Intake.At(TimeSpan.FromMinutes(3))}\",\"durationSeconds\":700}}\n"
            + $"{{\"subscriber\":\"{Intake.NewPhone()}\",\"counterparty\":\"{Intake.NewPhone()}\",\"kind\":\"sms\",\"at\":\"{Intake.At(TimeSpan.FromMinutes(3))}\"}}\n"
            + "{oops\n";
        var counts = await PostAsync(body, "application/x-ndjson");
        Assert.Equal(new Counts(3, 1, 1, 0, 1), counts);
    }

    [Fact]
    public async Task A_csv_without_its_header_is_a_400()
    {
        using var client = App.SourceClient();
        using var content = new StringContent("13800000000,17000000000,call,2026-11-28T09:00:00+08:00,10\n", Encoding.UTF8, "text/csv");
        var response = await client.PostAsync("/api/v1/contacts", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class ContactRecordTests_Sqlite(SqliteApp app) : ContactRecordTests(app);

public sealed class ContactRecordTests_Postgres(PostgresApp app) : ContactRecordTests(app);
