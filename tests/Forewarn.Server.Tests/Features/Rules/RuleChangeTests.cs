using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Rules;

/// <summary>Rule changes are shared state: these tests run in one class, in order, on each provider.</summary>
public abstract class RuleChangeTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_rule_change_needs_a_second_person_and_can_be_dry_run_first()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        using var officer = await App.ClientFor("longxi.officer");
        var current = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/rules", Ct);
        var rules = JsonNode.Parse(current.GetProperty("active").GetRawText())!.AsObject();

        var proposed = await analyst.PostAsJsonAsync("/api/v1/rules", new { rules, note = "same rules, new version" }, Ct);
        var version = (await proposed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
        var dryRun = await analyst.PostAsJsonAsync("/api/v1/rules/dry-run", new { version, days = 7 }, Ct);
        var selfApproval = await analyst.PostAsync($"/api/v1/rules/{version}/approve", null, Ct);
        var officerTry = await officer.PostAsync($"/api/v1/rules/{version}/approve", null, Ct);
        var approval = await security.PostAsync($"/api/v1/rules/{version}/approve", null, Ct);
        var twice = await security.PostAsync($"/api/v1/rules/{version}/approve", null, Ct);
        var after = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/rules", Ct);

        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officerTry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(version, after.GetProperty("activeVersion").GetInt32());

        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var raised = await App.SendAsync(Intake.Call(Intake.NewPhone(), fraud, 700, TimeSpan.FromMinutes(1)));
        Assert.Equal(version, (await App.WarningAsync(raised[0].WarningId!.Value)).GetProperty("ruleSetVersion").GetInt32());
    }

    [Fact]
    public async Task A_dissuasion_policy_change_needs_a_second_person_and_moves_the_deadlines()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        var current = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/policies", Ct);
        var limits = JsonNode.Parse(current.GetProperty("active").GetRawText())!.AsObject();
        limits["special"]!["signFor"] = "00:02:00";

        var bad = await analyst.PostAsJsonAsync("/api/v1/policies", new { limits = new { special = new { signFor = "-00:01:00" } } }, Ct);
        var proposed = await analyst.PostAsJsonAsync("/api/v1/policies", new { limits }, Ct);
        var version = (await proposed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
        var self = await analyst.PostAsync($"/api/v1/policies/{version}/approve", null, Ct);
        var approved = await security.PostAsync($"/api/v1/policies/{version}/approve", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromMinutes(1), subjectExtra: new { adminCode = "500112011" }, extra: new { level = "special" });
        var warning = await App.WarningAsync((await App.SendAsync(clue))[0].WarningId!.Value);
        var since = warning.GetProperty("levelSince").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(2), warning.GetProperty("deadlines").GetProperty("signFor").GetDateTimeOffset() - since);
    }

    [Fact]
    public async Task A_malformed_rule_set_is_refused()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var response = await analyst.PostAsJsonAsync("/api/v1/rules", new { rules = new { version = 9, rules = "nope" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class RuleChangeTests_Sqlite(SqliteApp app) : RuleChangeTests(app);

public sealed class RuleChangeTests_Postgres(PostgresApp app) : RuleChangeTests(app);
