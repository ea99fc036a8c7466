using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.TwoCards;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Forewarn.Server.Tests.Features.TwoCards;

public abstract class TwoCardTests(ForewarnApp app) : ProviderTests(app)
{
    private static string ChinaDay(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Sim(string phone, string? unit = null, string? startsOn = null, int years = 2, string[]? punishments = null) => new
    {
        kind = "sim", number = phone, issuer = "中国移动", holderName = "钱卡农", holderIdNumber = People.NewIdNumber(), punishments = punishments ?? ["communication"],
        years, startsOn, unitCode = unit, basis = "出租电话卡给诈骗团伙",
    };

    private async Task<JsonElement> ImposeAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/two-cards", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<JsonElement> IndicatorAsync(string type, string value)
    {
        using var analyst = await App.ClientFor("city.analyst");
        var found = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type={type}&value={value}", Ct);
        return found.GetProperty("items")[0];
    }

    private ExpireMeasures Expiry(FakeTimeProvider clock) => new(App.Services.GetRequiredService<IServiceScopeFactory>(),
        App.Services.GetRequiredService<BlacklistHolder>(), clock, NullLogger<ExpireMeasures>.Instance,
        App.Services.GetRequiredService<Leadership>());

    [Fact]
    public async Task Expired_two_card_measures_are_lifted_on_time_and_only_once()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var phone = Intake.NewFraudPhone();
        // Started two years ago less a day: the statutory period ends at the start of tomorrow (China time).
        var measure = await ImposeAsync(officer, Sim(phone, startsOn: ChinaDay(DateTimeOffset.UtcNow.AddYears(-2).AddDays(1))));
        var id = measure.GetProperty("id").GetInt64();
        var expiresAt = measure.GetProperty("expiresAt").GetDateTimeOffset();
        var confirmed = await IndicatorAsync("phone", phone);
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.Equal(expiresAt, confirmed.GetProperty("expiresAt").GetDateTimeOffset());

        var clock = new FakeTimeProvider(expiresAt.AddMinutes(-1));
        await Expiry(clock).RunOnceAsync(Ct);
        Assert.Equal("active", (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards/{id}", Ct)).GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await Expiry(clock).RunOnceAsync(Ct) >= 1);
        var ended = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards/{id}", Ct);
        Assert.Equal("expired", ended.GetProperty("status").GetString());
        Assert.Equal(expiresAt, ended.GetProperty("endedAt").GetDateTimeOffset());
        Assert.True((await IndicatorAsync("phone", phone)).GetProperty("expiresAt").GetDateTimeOffset() <= clock.GetUtcNow());

        // A second pass (a restart, another node) finds nothing more to do for it, and the audit log has one record.
        clock.Advance(TimeSpan.FromMinutes(2));
        await Expiry(clock).RunOnceAsync(Ct);
        using var auditor = await App.ClientFor("audit.admin");
        var records = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=two_cards.expired&take=1000", Ct);
        Assert.Single(records.EnumerateArray(), r => r.GetProperty("target").GetString() == $"measure {id}");
    }

    [Fact]
    public async Task A_measure_in_force_blacklists_the_card_at_once()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var card = People.NewCardNumber();
        await ImposeAsync(officer, new
        {
            kind = "bank", number = card, issuer = "某银行", holderName = "孙卡农", punishments = new[] { "financial" }, years = 3,
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var analyst = await App.ClientFor("city.analyst");
        while (!(await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=account&value={card}", Ct)).GetProperty("matches").GetBoolean())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the card never reached the blacklist");
            await Task.Delay(50, Ct);
        }
        var again = await officer.PostAsJsonAsync("/api/v1/two-cards", new
        {
            kind = "bank", number = card, holderName = "孙卡农", punishments = new[] { "financial" }, years = 2,
        }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_appeal_restores_only_with_a_second_persons_approval_and_leaves_an_audit_record()
    {
        using var officer = await App.ClientFor("longxi.officer");
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        var phone = Intake.NewFraudPhone();
        var id = (await ImposeAsync(officer, Sim(phone))).GetProperty("id").GetInt64();

        var appeal = await officer.PostAsJsonAsync($"/api/v1/two-cards/{id}/appeals", new { reason = "本人手机卡被冒用办理" }, Ct);
        Assert.Equal(HttpStatusCode.Created, appeal.StatusCode);
        var reviewId = (await appeal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        // Filing it changed nothing; the officer may not decide at all.
        Assert.Equal("active", (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards/{id}", Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/two-cards/reviews/{reviewId}/approve", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/two-cards/{id}/restore", new { reason = "再次申请" }, Ct)).StatusCode);

        var approved = await security.PostAsJsonAsync($"/api/v1/two-cards/reviews/{reviewId}/approve", new { note = "核实为冒用" }, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var measure = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards/{id}", Ct);
        Assert.Equal("restored", measure.GetProperty("status").GetString());
        Assert.Equal("security.admin", measure.GetProperty("endedBy").GetString());
        Assert.Equal("whitelisted", (await IndicatorAsync("phone", phone)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsJsonAsync($"/api/v1/two-cards/reviews/{reviewId}/approve", new { }, Ct)).StatusCode);

        using var auditor = await App.ClientFor("audit.admin");
        var records = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=two_cards.restored&take=1000", Ct);
        var record = Assert.Single(records.EnumerateArray(), r => r.GetProperty("target").GetString()!.StartsWith($"measure {id},", StringComparison.Ordinal));
        Assert.Equal("security.admin", record.GetProperty("user").GetString());
        Assert.Contains("longxi.officer", record.GetProperty("target").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_restore()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        var phone = Intake.NewFraudPhone();
        var id = (await ImposeAsync(analyst, Sim(phone, unit: "500112011"))).GetProperty("id").GetInt64();
        var asked = await analyst.PostAsJsonAsync($"/api/v1/two-cards/{id}/restore", new { reason = "积极配合，提前解除" }, Ct);
        var reviewId = (await asked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var own = await analyst.PostAsJsonAsync($"/api/v1/two-cards/reviews/{reviewId}/approve", new { }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("active", (await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards/{id}", Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsJsonAsync($"/api/v1/two-cards/reviews/{reviewId}/reject", new { note = "不符合条件" }, Ct)).StatusCode);
        Assert.Equal("active", (await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards/{id}", Ct)).GetProperty("status").GetString());
        Assert.Equal("confirmed", (await IndicatorAsync("phone", phone)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Exports_list_the_measures_in_force_in_full_for_banks_and_operators()
    {
        using var officer = await App.ClientFor("longxi.officer");
        using var analyst = await App.ClientFor("city.analyst");
        var card = People.NewCardNumber();
        var phone = Intake.NewFraudPhone();
        var lifted = Intake.NewFraudPhone();
        await ImposeAsync(officer, new { kind = "bank", number = card, holderName = "李卡农", punishments = new[] { "financial", "communication" }, years = 5 });
        await ImposeAsync(officer, Sim(phone));
        var liftedId = (await ImposeAsync(officer, Sim(lifted))).GetProperty("id").GetInt64();
        var review = await (await officer.PostAsJsonAsync($"/api/v1/two-cards/{liftedId}/restore", new { reason = "误列" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        await analyst.PostAsJsonAsync($"/api/v1/two-cards/reviews/{review.GetProperty("id").GetInt64()}/approve", new { }, Ct);

        var banks = await analyst.GetAsync("/api/v1/two-cards/export?for=banks", Ct);
        Assert.Equal("text/csv", banks.Content.Headers.ContentType?.MediaType);
        var bankCsv = Encoding.UTF8.GetString(await banks.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(card, bankCsv, StringComparison.Ordinal);
        Assert.Contains("李卡农", bankCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, bankCsv, StringComparison.Ordinal);
        var operators = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/v1/two-cards/export?for=operators", Ct));
        Assert.Contains(phone, operators, StringComparison.Ordinal);
        Assert.DoesNotContain(lifted, operators, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/two-cards/export?for=banks", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_station_officer_sees_only_their_stations_measures_and_them_masked()
    {
        using var longxi = await App.ClientFor("longxi.officer");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        var phone = Intake.NewFraudPhone();
        var id = (await ImposeAsync(longxi, Sim(phone))).GetProperty("id").GetInt64();

        var own = await longxi.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards?number={phone}", Ct);
        var item = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetInt64());
        Assert.DoesNotContain(phone, item.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("*", item.GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal("钱**", item.GetProperty("holderName").GetString());
        Assert.Contains("*", item.GetProperty("holderIdNumber").GetString(), StringComparison.Ordinal);

        Assert.Empty((await jiefangbei.GetFromJsonAsync<JsonElement>($"/api/v1/two-cards?number={phone}", Ct)).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain((await jiefangbei.GetFromJsonAsync<JsonElement>("/api/v1/two-cards?pageSize=200", Ct)).GetProperty("items").EnumerateArray(),
            m => m.GetProperty("unitCode").GetString() != "500103003");
        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.GetAsync($"/api/v1/two-cards/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.PostAsJsonAsync($"/api/v1/two-cards/{id}/appeals", new { reason = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await jiefangbei.PostAsJsonAsync("/api/v1/two-cards", Sim(Intake.NewFraudPhone(), unit: "500112011"), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_measure_is_refused_with_field_reasons()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var response = await officer.PostAsJsonAsync("/api/v1/two-cards", new
        {
            kind = "sim", number = "12345", holderName = "", holderIdNumber = "110101199001011230", punishments = new[] { "prison" }, years = 4,
            startsOn = "2001-01-01",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        foreach (var field in new[] { "number", "holderName", "holderIdNumber", "punishments", "years" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
        }
        var expired = await officer.PostAsJsonAsync("/api/v1/two-cards", Sim(Intake.NewFraudPhone(), startsOn: "2001-01-01"), Ct);
        Assert.True((await expired.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("startsOn", out _));
        var kind = await officer.PostAsJsonAsync("/api/v1/two-cards", new { kind = "sims" }, Ct);
        Assert.True((await kind.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("kind", out _));
    }
}

public sealed class TwoCardTests_Sqlite(SqliteApp app) : TwoCardTests(app);

public sealed class TwoCardTests_Postgres(PostgresApp app) : TwoCardTests(app);
