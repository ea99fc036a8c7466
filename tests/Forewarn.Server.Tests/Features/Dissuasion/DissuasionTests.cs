using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Dissuasion;

public abstract class DissuasionTests(ForewarnApp app) : ProviderTests(app)
{
    /// <summary>A 1×1 PNG: the smallest real image.</summary>
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private async Task<long> WarningAtAsync(string adminCode, string level = "special", string? phone = null)
    {
        var clue = Intake.Signal("clue", phone ?? Intake.NewPhone(), TimeSpan.FromMinutes(1), subjectExtra: new { adminCode, name = "李四" }, extra: new { level });
        return (await App.SendAsync(clue))[0].WarningId!.Value;
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body = null) =>
        await client.PostAsJsonAsync(path, body ?? new { }, Ct);

    [Fact]
    public async Task A_special_warning_is_worked_from_arrival_to_close()
    {
        var id = await WarningAtAsync("500112011");
        using var officer = await App.ClientFor("longxi.officer");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for")).StatusCode);
        var missed = await (await PostAsync(officer, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "call", result = "no_answer" }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(officer, $"/api/v1/warnings/{id}/relatives", new { name = "李小四", phone = "13900001111", relation = "子女" })).StatusCode);
        var offered = await (await PostAsync(officer, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "call", result = "busy" }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reached = await (await PostAsync(officer, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "relative", result = "reached", note = "女儿已劝住" }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(officer, $"/api/v1/warnings/{id}/assess", new { note = "疑似刷单返利" })).StatusCode);
        var visit = await PostAsync(officer, $"/api/v1/warnings/{id}/visits",
            new { lat = 29.6, lon = 106.5, note = "已当面宣防", result = "warned", photo = Png, signature = "data:image/png;base64," + Png });
        var closed = await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "dissuaded", note = "劝阻成功" });

        Assert.Empty(missed.GetProperty("relatives").EnumerateArray());
        Assert.Equal("子女", offered.GetProperty("relatives")[0].GetProperty("relation").GetString());
        Assert.Equal("139****1111", offered.GetProperty("relatives")[0].GetProperty("phone").GetString());
        Assert.True(reached.GetProperty("reached").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, visit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var warning = await App.WarningAsync(id);
        Assert.Equal(("closed", "fed_back", "dissuaded"), (warning.GetProperty("status").GetString(), warning.GetProperty("step").GetString(), warning.GetProperty("outcome").GetString()));
        string[] kinds = [.. warning.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];
        Assert.Equal(["raised", "claimed", "signed_for", "contact_attempt", "contact_attempt", "contact_attempt", "assessed", "visit", "closed"], kinds);
        Assert.Equal(3, warning.GetProperty("contactAttempts").GetArrayLength());
        var photoId = warning.GetProperty("visits")[0].GetProperty("photoId").GetInt64();
        var photo = await officer.GetAsync($"/api/v1/evidence/{photoId}", Ct);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Convert.FromBase64String(Png), await photo.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("special")]
    [InlineData("high")]
    [InlineData("medium")]
    [InlineData("low")]
    public async Task Every_level_walks_through_every_step(string level)
    {
        var id = await WarningAtAsync("500112011", level);
        using var officer = await App.ClientFor("longxi.officer");
        string[] expected = ["signed_for", "called", "assessed", "finding", "verified", "warned_in_person"];
        var steps = new List<string>
        {
            await StepAsync(await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for")),
            await StepAsync(await PostAsync(officer, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "robocall", result = "no_answer" })),
            await StepAsync(await PostAsync(officer, $"/api/v1/warnings/{id}/assess", new { note = "需上门" })),
            await StepAsync(await PostAsync(officer, $"/api/v1/warnings/{id}/visits", new { lat = 29.6, lon = 106.5, result = "not_found" })),
            await StepAsync(await PostAsync(officer, $"/api/v1/warnings/{id}/visits", new { lat = 29.6, lon = 106.5, result = "verified" })),
            await StepAsync(await PostAsync(officer, $"/api/v1/warnings/{id}/visits", new { lat = 29.6, lon = 106.5, result = "warned" })),
        };
        var closed = await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "dissuaded" });

        Assert.Equal(expected, steps);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var warning = await App.WarningAsync(id);
        Assert.Equal((level, "fed_back"), (warning.GetProperty("level").GetString(), warning.GetProperty("step").GetString()));
        Assert.Equal(3, warning.GetProperty("visits").GetArrayLength());
    }

    private static async Task<string> StepAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("step").GetString()!;
    }

    [Fact]
    public async Task Illegal_transitions_are_409_problems()
    {
        var id = await WarningAtAsync("500112011", "high");
        using var officer = await App.ClientFor("longxi.officer");

        var callFirst = await PostAsync(officer, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "call", result = "reached" });
        var closeFirst = await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "dissuaded" });
        await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for");
        var signTwice = await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for");
        var unreachableWithoutTrying = await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "unreachable" });
        await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "not_fraud" });
        var afterClose = await PostAsync(officer, $"/api/v1/warnings/{id}/assess", new { note = "late" });

        foreach (var response in new[] { callFirst, closeFirst, signTwice, unreachableWithoutTrying, afterClose })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Bad_action_input_is_a_400_with_field_errors()
    {
        var id = await WarningAtAsync("500112011", "medium");
        using var officer = await App.ClientFor("longxi.officer");
        await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for");
        var attempt = await PostAsync(officer, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "pigeon", result = "maybe" });
        var visit = await PostAsync(officer, $"/api/v1/warnings/{id}/visits", new { lat = 200, lon = 106, photo = Convert.ToBase64String("GIF89a"u8.ToArray()) });
        var close = await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "defrauded", loss = -5 });
        var body = await visit.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.All(new[] { attempt, visit, close }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.True(body.GetProperty("errors").TryGetProperty("photo", out _));
        Assert.True(body.GetProperty("errors").TryGetProperty("lat", out _));
    }

    [Fact]
    public async Task One_officer_works_a_warning_at_a_time_and_a_dispatcher_can_take_over()
    {
        var id = await WarningAtAsync("500112011", "high");
        string colleague;
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            colleague = "t." + Guid.NewGuid().ToString("N")[..8];
            var user = new AppUser { UserName = colleague, DisplayName = colleague, UnitCode = "500112011", UnitPath = "500000/500112/500112011/", IsDemo = true };
            await users.CreateAsync(user, ForewarnApp.Password);
            await users.AddToRoleAsync(user, Roles.StationOfficer);
        }
        using var officer = await App.ClientFor("longxi.officer");
        using var other = await App.ClientFor(colleague);
        using var dispatcher = await App.ClientFor("yubei.dispatcher");

        await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for");
        var blocked = await PostAsync(other, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "call", result = "reached" });
        var takeOver = await PostAsync(dispatcher, $"/api/v1/warnings/{id}/claim", new { force = true });
        var officerNow = await PostAsync(officer, $"/api/v1/warnings/{id}/assess", new { note = "x" });

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("longxi.officer", await blocked.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, takeOver.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, officerNow.StatusCode);
        Assert.Equal("yubei.dispatcher", (await App.WarningAsync(id)).GetProperty("claimedBy").GetString());
    }

    [Fact]
    public async Task An_officer_cannot_act_on_another_stations_warning()
    {
        var id = await WarningAtAsync("500112011", "high");
        using var other = await App.ClientFor("jiefangbei.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, $"/api/v1/warnings/{id}/sign-for")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, $"/api/v1/warnings/{id}/close", new { outcome = "dissuaded" })).StatusCode);
    }

    [Fact]
    public async Task A_transfer_moves_the_warning_and_its_history_to_the_other_unit()
    {
        var id = await WarningAtAsync("500112011", "medium");
        using var longxi = await App.ClientFor("longxi.officer");
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        await PostAsync(longxi, $"/api/v1/warnings/{id}/sign-for");
        await PostAsync(longxi, $"/api/v1/warnings/{id}/release");

        var moved = await PostAsync(dispatcher, $"/api/v1/warnings/{id}/transfer", new { unitCode = "500103003", reason = "当事人现居渝中区" });
        var seen = await jiefangbei.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await longxi.GetAsync($"/api/v1/warnings/{id}", Ct)).StatusCode);
        Assert.Equal("new", seen.GetProperty("step").GetString());
        Assert.Equal("500103003", seen.GetProperty("unit").GetProperty("code").GetString());
        Assert.Contains(seen.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "signed_for");
        Assert.Contains(seen.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "transferred");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(jiefangbei, $"/api/v1/warnings/{id}/sign-for")).StatusCode);
    }

    [Fact]
    public async Task The_effective_rate_counts_exactly_as_designed()
    {
        // A station no other test uses, so the counts are this test's alone.
        const string unit = "500101018";
        using var analyst = await App.ClientFor("city.analyst");
        var before = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/stats/summary?unit={unit}", Ct);
        Assert.Equal(0, before.GetProperty("effectiveRate").GetProperty("denominator").GetInt32());

        async Task CloseAsync(string outcome, bool reach, decimal? loss = null)
        {
            var id = await WarningAtAsync(unit, "high");
            await PostAsync(analyst, $"/api/v1/warnings/{id}/sign-for");
            await PostAsync(analyst, $"/api/v1/warnings/{id}/contact-attempts", new { channel = "call", result = reach ? "reached" : "no_answer" });
            var closed = await PostAsync(analyst, $"/api/v1/warnings/{id}/close", new { outcome, loss, note = "x" });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }
        await CloseAsync("dissuaded", reach: true);
        await CloseAsync("dissuaded", reach: true);
        await CloseAsync("refused", reach: true);
        await CloseAsync("unreachable", reach: false);
        await CloseAsync("defrauded", reach: true, loss: 12000);
        await CloseAsync("not_fraud", reach: true);

        var summary = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/stats/summary?unit={unit}", Ct);
        var rate = summary.GetProperty("effectiveRate");
        Assert.Equal(3, rate.GetProperty("numerator").GetInt32());
        Assert.Equal(5, rate.GetProperty("denominator").GetInt32());
        Assert.Equal(0.6, rate.GetProperty("value").GetDouble(), 4);
        Assert.Equal(6, summary.GetProperty("closed").GetInt32());
        Assert.Equal(6, summary.GetProperty("warnings").GetProperty("high").GetInt32());
        Assert.Equal(1_200_000, summary.GetProperty("lossFen").GetInt64());
    }

    [Fact]
    public async Task A_defrauded_outcome_opens_a_case()
    {
        var id = await WarningAtAsync("500112011", "special");
        using var officer = await App.ClientFor("longxi.officer");
        await PostAsync(officer, $"/api/v1/warnings/{id}/sign-for");
        var closed = await (await PostAsync(officer, $"/api/v1/warnings/{id}/close", new { outcome = "defrauded", loss = 30000, stopped = 8000.5 }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(closed.GetProperty("caseId").GetInt64() > 0);
        var warning = await App.WarningAsync(id);
        Assert.Equal(8000.5m, warning.GetProperty("stopped").GetDecimal());
    }

    [Fact]
    public async Task Kpis_export_histograms_as_csv()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var json = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/stats/kpis?unit=500112", Ct);
        var csv = await analyst.GetAsync("/api/v1/stats/kpis?unit=500112&format=csv", Ct);
        Assert.Equal("500112", json.GetProperty("unit").GetString());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("rank,unit,name,warnings,kind,count,median_seconds,0-30s", (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF'));
    }
}

public sealed class DissuasionTests_Sqlite(SqliteApp app) : DissuasionTests(app);

public sealed class DissuasionTests_Postgres(PostgresApp app) : DissuasionTests(app);
