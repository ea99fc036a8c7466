using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Warnings;

public abstract class CorrelationTests(ForewarnApp app) : ProviderTests(app)
{
    private static JsonObject Account(string value) => new() { ["account"] = value };

    [Fact]
    public async Task A_transfer_within_an_hour_of_a_blacklisted_call_raises_the_same_warning_to_special()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();

        var call = await App.SendAsync(Intake.Call(subject, fraud, 40, TimeSpan.FromMinutes(50)));
        var before = await App.WarningAsync(call[0].WarningId!.Value);
        var transfer = await App.SendAsync(Intake.Signal("transfer", subject, TimeSpan.FromMinutes(10), Account("6217000010001234567"), extra: new { amount = 5000.5 }));
        var after = await App.WarningAsync(call[0].WarningId!.Value);

        Assert.Equal("low", before.GetProperty("level").GetString());
        Assert.Equal(call[0].WarningId, transfer[0].WarningId);
        Assert.Equal("special", after.GetProperty("level").GetString());
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "level_raised");
        Assert.True(after.GetProperty("levelSince").GetDateTimeOffset() >= before.GetProperty("levelSince").GetDateTimeOffset());
        Assert.Equal(2, after.GetProperty("signals").GetArrayLength());
        Assert.Contains(after.GetProperty("signals").EnumerateArray(), s => s.GetProperty("amount").ValueKind == JsonValueKind.Number && s.GetProperty("amount").GetDecimal() == 5000.5m);
    }

    [Fact]
    public async Task Signals_more_than_72_hours_apart_make_two_warnings()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();

        var old = await App.SendAsync(Intake.Call(subject, fraud, 20, TimeSpan.FromHours(80)));
        var fresh = await App.SendAsync(Intake.Call(subject, fraud, 20, TimeSpan.FromHours(1)));

        Assert.NotNull(old[0].WarningId);
        Assert.NotNull(fresh[0].WarningId);
        Assert.NotEqual(old[0].WarningId, fresh[0].WarningId);
    }

    [Fact]
    public async Task The_level_never_falls_while_the_warning_is_open()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();

        var clue = await App.SendAsync(Intake.Signal("clue", subject, TimeSpan.FromMinutes(30), extra: new { level = "special" }));
        var call = await App.SendAsync(Intake.Call(subject, fraud, 5, TimeSpan.FromMinutes(5)));
        var warning = await App.WarningAsync(clue[0].WarningId!.Value);

        Assert.Equal(clue[0].WarningId, call[0].WarningId);
        Assert.Equal("special", warning.GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_subject_closed_as_defrauded_is_at_higher_risk_in_its_next_warning()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();
        var first = await App.SendAsync(Intake.Call(subject, fraud, 200, TimeSpan.FromHours(80)));
        var id = first[0].WarningId!.Value;
        Assert.Equal("medium", (await App.WarningAsync(id)).GetProperty("level").GetString());

        // Closed through the API: another connection than the intake writer's, which keeps what it read of the subject.
        using var analyst = await App.ClientFor("city.analyst");
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"/api/v1/warnings/{id}/sign-for", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsJsonAsync($"/api/v1/warnings/{id}/close",
            new { outcome = "defrauded", loss = 3000, note = "x" }, Ct)).StatusCode);

        var next = await App.SendAsync(Intake.Call(subject, fraud, 200, TimeSpan.FromMinutes(10)));
        Assert.NotEqual(id, next[0].WarningId);
        Assert.Equal("high", (await App.WarningAsync(next[0].WarningId!.Value)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Three_distinct_blacklisted_callers_in_a_day_make_medium()
    {
        var subject = Intake.NewPhone();
        var callers = new[] { Intake.NewFraudPhone(), Intake.NewFraudPhone(), Intake.NewFraudPhone() };
        foreach (var caller in callers)
        {
            await App.BlacklistAsync("phone", caller);
        }
        List<Intake.Result> last = [];
        for (var i = 0; i < 3; i++)
        {
            last = await App.SendAsync(Intake.Call(subject, callers[i], 20, TimeSpan.FromHours(10 - i * 3)));
        }
        var warning = await App.WarningAsync(last[0].WarningId!.Value);
        Assert.Equal("medium", warning.GetProperty("level").GetString());
    }

    [Fact]
    public async Task An_elderly_subject_turns_a_medium_call_into_high()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var young = await App.SendAsync(Intake.Call(Intake.NewPhone(), fraud, 200, TimeSpan.FromMinutes(3), new { age = 40 }));
        var old = await App.SendAsync(Intake.Call(Intake.NewPhone(), fraud, 200, TimeSpan.FromMinutes(3), new { age = 70 }));
        Assert.Equal("medium", (await App.WarningAsync(young[0].WarningId!.Value)).GetProperty("level").GetString());
        Assert.Equal("high", (await App.WarningAsync(old[0].WarningId!.Value)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task The_anti_fraud_line_is_never_flagged()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var refused = await analyst.PostAsJsonAsync("/api/v1/indicators", new { type = "phone", value = "96110", status = "confirmed", source = "test" }, Ct);
        var call = await App.SendAsync(Intake.Call(Intake.NewPhone(), "96110", 900, TimeSpan.FromMinutes(3)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(call[0].WarningId);
    }

    [Fact]
    public async Task A_whitelisted_value_stops_matching()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var swap = await App.BlacklistAsync("phone", fraud, status: "whitelisted");
        var call = await App.SendAsync(Intake.Call(Intake.NewPhone(), fraud, 900, TimeSpan.FromMinutes(3)));
        Assert.Null(call[0].WarningId);
        Assert.True(swap < TimeSpan.FromSeconds(2), $"index swap took {swap}");
    }

    [Theory]
    [InlineData("adminCode", "500112011", "adminCode", "500112011")]
    [InlineData("idNumber", "500112199001010017", "idNumber", "500112")]
    [InlineData("address", "重庆市渝中区解放碑街道民族路1号", "address", "500103003")]
    public async Task Warnings_are_routed_by_every_rule(string field, string value, string rule, string unit)
    {
        var subject = new JsonObject { ["phone"] = Intake.NewPhone(), [field] = value };
        var clue = Intake.Signal("clue", "x", TimeSpan.FromMinutes(1), extra: new { level = "high" });
        clue["subject"] = subject;
        var result = await App.SendAsync(clue);
        var warning = await App.WarningAsync(result[0].WarningId!.Value);
        Assert.Equal(rule, warning.GetProperty("routeRule").GetString());
        Assert.Equal(unit, warning.GetProperty("unit").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_warning_opened_by_a_later_signal_takes_the_subjects_details_from_an_earlier_one()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();

        var ordinary = await App.SendAsync(Intake.Call(subject, Intake.NewPhone(), 60, TimeSpan.FromMinutes(30),
            subjectExtra: new { name = "王小明", idNumber = "500112199001010017" }));
        var call = await App.SendAsync(Intake.Call(subject, fraud, 300, TimeSpan.FromMinutes(5)));
        var warning = await App.WarningAsync(call[0].WarningId!.Value);

        Assert.Null(ordinary[0].WarningId);
        Assert.Equal("idNumber", warning.GetProperty("routeRule").GetString());
        Assert.Equal("500112", warning.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal("王**", warning.GetProperty("subject").GetProperty("name").GetString());
        Assert.Equal(2, warning.GetProperty("signals").GetArrayLength());
    }

    [Fact]
    public async Task A_subject_with_no_location_goes_to_city_triage()
    {
        var result = await App.SendAsync(Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromMinutes(1), extra: new { level = "low" }));
        var warning = await App.WarningAsync(result[0].WarningId!.Value);
        Assert.Equal("unknown", warning.GetProperty("routeRule").GetString());
        Assert.Equal("500000", warning.GetProperty("unit").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Officers_see_only_warnings_of_their_territory()
    {
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromMinutes(1), subjectExtra: new { adminCode = "500103003" }, extra: new { level = "high" });
        var id = (await App.SendAsync(clue))[0].WarningId!.Value;

        using var longxi = await App.ClientFor("longxi.officer");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        using var yubei = await App.ClientFor("yubei.dispatcher");
        Assert.Equal(HttpStatusCode.NotFound, (await longxi.GetAsync($"/api/v1/warnings/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yubei.GetAsync($"/api/v1/warnings/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiefangbei.GetAsync($"/api/v1/warnings/{id}", Ct)).StatusCode);

        var listed = await yubei.GetFromJsonAsync<JsonElement>("/api/v1/warnings?status=open&pageSize=200", Ct);
        Assert.All(listed.GetProperty("items").EnumerateArray(), w => Assert.NotEqual(id, w.GetProperty("id").GetInt64()));
        var own = await jiefangbei.GetFromJsonAsync<JsonElement>("/api/v1/warnings?level=high&unit=500103003&pageSize=200", Ct);
        Assert.Contains(own.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Listing_validates_its_filters()
    {
        using var analyst = await App.ClientFor("city.analyst");
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/v1/warnings?level=extreme", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/v1/warnings?from=someday", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/warnings?from=2026-01-01&to=2099-12-31&page=2", Ct)).StatusCode);
    }
}

public sealed class CorrelationTests_Sqlite(SqliteApp app) : CorrelationTests(app);

public sealed class CorrelationTests_Postgres(PostgresApp app) : CorrelationTests(app);
