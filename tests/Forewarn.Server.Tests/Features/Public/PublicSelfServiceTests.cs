using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Public;

public abstract class PublicSelfServiceTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_citizen_checks_a_number_without_signing_in_and_learns_no_personal_data()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var victim = Intake.NewPhone();
        var call = Intake.Call(victim, fraud, 400, TimeSpan.FromMinutes(2), new { name = "赵六" });
        call["fraudType"] = "fake_police";
        await App.SendAsync(call);
        using var citizen = App.CreateClient();

        var risky = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/public/check?phone={fraud}", Ct);
        var clean = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/public/check?phone={Intake.NewPhone()}", Ct);
        var official = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/public/check?phone=96110", Ct);

        Assert.Equal("high", risky.GetProperty("risk").GetString());
        Assert.Contains("冒充公检法", risky.GetProperty("fraudTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain(victim, risky.GetRawText());
        Assert.DoesNotContain("赵", risky.GetRawText());
        Assert.Equal("none", clean.GetProperty("risk").GetString());
        Assert.Equal("none", official.GetProperty("risk").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.GetAsync("/api/v1/public/check?phone=1&url=x", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_scam_report_is_classified_reviewed_and_feeds_the_blacklist()
    {
        var scammer = Intake.NewFraudPhone();
        using var citizen = App.CreateClient();
        var created = await citizen.PostAsJsonAsync("/api/v1/public/reports",
            new { channel = "call", content = "对方自称警官，说我涉嫌洗钱，要求把钱转到安全账户", counterparty = scammer, contact = "13900009999" }, Ct);
        var report = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("fake_police", report.GetProperty("fraudType").GetString());
        Assert.True(report.GetProperty("confidence").GetDouble() > 0.5);

        using var analyst = await App.ClientFor("city.analyst");
        var id = report.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"/api/v1/public-reports/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsync($"/api/v1/public-reports/{id}/approve", null, Ct)).StatusCode);
        var found = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=phone&value={scammer}", Ct);
        Assert.Equal("suspected", found.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal("public-report", found.GetProperty("items")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_bad_report_is_refused_with_reasons()
    {
        using var citizen = App.CreateClient();
        var response = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "carrier-pigeon", content = "" }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("content", out _));
    }
}

public sealed class PublicSelfServiceTests_Sqlite(SqliteApp app) : PublicSelfServiceTests(app);

public sealed class PublicSelfServiceTests_Postgres(PostgresApp app) : PublicSelfServiceTests(app);
