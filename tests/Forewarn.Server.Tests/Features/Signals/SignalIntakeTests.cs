using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Signals;

public abstract class SignalIntakeTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_long_call_with_a_blacklisted_number_raises_a_high_warning_routed_by_point()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();

        var results = await App.SendAsync(Intake.Call(subject, fraud, 720, TimeSpan.FromMinutes(3), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon, name = "王小明" }));

        Assert.Equal("accepted", results[0].Status);
        var warning = await App.WarningAsync(results[0].WarningId!.Value);
        Assert.Equal("high", warning.GetProperty("level").GetString());
        Assert.Equal("point", warning.GetProperty("routeRule").GetString());
        Assert.Equal(["500000", "500112"], warning.GetProperty("unit").GetProperty("path").EnumerateArray().Take(2).Select(e => e.GetString()));
        Assert.Contains(warning.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString()!.StartsWith("high."));
        Assert.True(warning.GetProperty("ruleSetVersion").GetInt32() >= 1);
        var shown = warning.GetProperty("subject");
        Assert.Equal(subject[..3] + "****" + subject[^4..], shown.GetProperty("phone").GetString());
        Assert.Equal("王**", shown.GetProperty("name").GetString());
        Assert.DoesNotContain(subject, warning.GetRawText());
        Assert.True(warning.GetProperty("deadlines").GetProperty("signFor").GetDateTimeOffset() > warning.GetProperty("levelSince").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_call_with_an_unlisted_number_raises_nothing()
    {
        var results = await App.SendAsync(Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 900, TimeSpan.FromMinutes(2)));
        Assert.Equal("accepted", results[0].Status);
        Assert.Null(results[0].WarningId);
    }

    [Fact]
    public async Task A_replay_is_acknowledged_once_with_the_original_warning()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var item = Intake.Call(Intake.NewPhone(), fraud, 30, TimeSpan.FromMinutes(5));

        var first = await App.SendAsync(item);
        var again = await App.SendAsync(item, item);

        Assert.Equal("accepted", first[0].Status);
        Assert.All(again, r => Assert.Equal("duplicate", r.Status));
        Assert.All(again, r => Assert.Equal(first[0].WarningId, r.WarningId));
    }

    [Fact]
    public async Task Concurrent_replays_of_one_id_store_one_signal()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var item = Intake.Call(Intake.NewPhone(), fraud, 30, TimeSpan.FromMinutes(5));

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => App.SendAsync(item)));

        Assert.Single(all, r => r[0].Status == "accepted");
        Assert.Equal(7, all.Count(r => r[0].Status == "duplicate"));
        Assert.Single(all.Select(r => r[0].WarningId).Distinct());
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var id = item["externalId"]!.GetValue<string>();
            Assert.Equal(1, await db.Signals.IgnoreQueryFilters().CountAsync(s => s.ExternalId == id, Ct));
        }
    }

    [Fact]
    public async Task Concurrent_requests_about_one_subject_join_one_warning_and_each_is_audited_once()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var subject = Intake.NewPhone();
        var items = Enumerable.Range(0, 40).Select(i => Intake.Call(subject, fraud, 30 + i, TimeSpan.FromMinutes(50 - i))).ToArray();
        var (name, key) = ("group-" + Guid.NewGuid().ToString("N")[..8], ApiClient.NewKey());
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            db.ApiClients.Add(new ApiClient { Name = name, KeyHash = ApiClient.Hash(key), Scopes = "signals", CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);

            // Sent at once, these are committed in groups by the intake; correlation must still see them as one subject.
            var all = await Task.WhenAll(items.Select(async item =>
            {
                using var client = App.SourceClient(key);
                var response = await client.PostAsJsonAsync("/api/v1/signals", new[] { item }, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<Intake.Batch>(Ct))!.Results[0];
            }));

            Assert.All(all, r => Assert.Equal("accepted", r.Status));
            Assert.NotNull(all[0].WarningId);
            Assert.Single(all.Select(r => r.WarningId).Distinct());
            var ids = items.Select(i => i["externalId"]!.GetValue<string>()).ToList();
            Assert.Equal(40, await db.Signals.IgnoreQueryFilters().CountAsync(s => ids.Contains(s.ExternalId) && s.WarningId == all[0].WarningId, Ct));
            Assert.Equal(40, await db.AuditRecords.CountAsync(a => a.Event == "signals.ingest" && a.User.Contains(name) && a.Result == "ok", Ct));
        }
    }

    [Fact]
    public async Task Bad_items_are_rejected_with_reasons_and_kept_while_good_ones_are_committed()
    {
        var good = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        var badPhone = Intake.Call("12345", Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        var badId = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1), new { idNumber = "500112199001010018" });
        var unknownType = Intake.Signal("fax", Intake.NewPhone(), TimeSpan.FromMinutes(1));
        var badTime = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        badTime["occurredAt"] = "yesterday at noon";
        var missing = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        missing.Remove("subject");
        var wrongJsonType = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        wrongJsonType["durationSeconds"] = "long";

        var results = await App.SendAsync(good, badPhone, badId, unknownType, badTime, missing, wrongJsonType);

        Assert.Equal("accepted", results[0].Status);
        Assert.All(results.Skip(1), r => Assert.Equal("rejected", r.Status));
        string Codes(int i) => string.Join(",", results[i].Errors!.Value.EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()));
        Assert.Contains("subject.phone:", Codes(1));
        Assert.Contains("subject.idNumber:checksum", Codes(2));
        Assert.Contains("type:unknown", Codes(3));
        Assert.Contains("occurredAt:time", Codes(4));
        Assert.Contains("subject:missing", Codes(5));
        Assert.Contains("durationSeconds:format", Codes(6));
        Assert.Equal(wrongJsonType["externalId"]!.GetValue<string>(), results[6].ExternalId);

        using var analyst = await App.ClientFor("city.analyst");
        var quarantine = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/quarantine?kind=signal&take=1000", Ct);
        var kept = quarantine.EnumerateArray().Select(q => q.GetProperty("payload").GetString()!).ToList();
        foreach (var bad in new[] { badPhone, badId, unknownType, badTime, wrongJsonType })
        {
            Assert.Contains(kept, p => p.Contains(bad["externalId"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_corrected_item_is_replayed_from_quarantine()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var item = Intake.Call(Intake.NewPhone(), fraud, 400, TimeSpan.FromMinutes(2));
        item["occurredAt"] = "not a time";
        Assert.Equal("rejected", (await App.SendAsync(item))[0].Status);

        using var analyst = await App.ClientFor("city.analyst");
        var pending = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/quarantine?kind=signal&take=1000", Ct);
        var id = pending.EnumerateArray().First(q => q.GetProperty("externalId").GetString() == item["externalId"]!.GetValue<string>()).GetProperty("id").GetInt64();
        var stillBad = await analyst.PostAsJsonAsync($"/api/v1/quarantine/{id}/replay", new { }, Ct);
        item["occurredAt"] = Intake.At(TimeSpan.FromMinutes(2));
        var fixedUp = await analyst.PostAsJsonAsync($"/api/v1/quarantine/{id}/replay", new { payload = item }, Ct);
        var again = await analyst.PostAsJsonAsync($"/api/v1/quarantine/{id}/replay", new { payload = item }, Ct);

        Assert.Equal("rejected", (await stillBad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var result = await fixedUp.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("accepted", result.GetProperty("status").GetString());
        Assert.Equal("medium", (await App.WarningAsync(result.GetProperty("warningId").GetInt64())).GetProperty("level").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("application/json", "{not json")]
    [InlineData("application/json", "{\"externalId\":\"x\"}")]
    [InlineData("application/json", "[]")]
    [InlineData("text/plain", "hello")]
    public async Task A_malformed_body_is_a_problem_not_a_5xx(string contentType, string body)
    {
        using var client = App.SourceClient();
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await client.PostAsync("/api/v1/signals", content, Ct);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ndjson_lines_are_answered_one_by_one()
    {
        using var client = App.SourceClient();
        var a = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        var b = Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1));
        using var content = new StringContent($"{a.ToJsonString()}\n[1,2]\n\n{{broken\n{b.ToJsonString()}\n", Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync("/api/v1/signals", content, Ct);
        var results = (await response.Content.ReadFromJsonAsync<Intake.Batch>(Ct))!.Results;
        Assert.Equal(["accepted", "rejected", "rejected", "accepted"], results.Select(r => r.Status));
    }

    [Fact]
    public async Task Signals_need_a_source_client_key_with_the_signals_scope()
    {
        using var anonymous = App.CreateClient();
        using var staff = await App.ClientFor("city.analyst");
        var item = new JsonArray(Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 10, TimeSpan.FromMinutes(1)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/signals", item, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/signals", item, Ct)).StatusCode);
    }
}

public sealed class SignalIntakeTests_Sqlite(SqliteApp app) : SignalIntakeTests(app);

public sealed class SignalIntakeTests_Postgres(PostgresApp app) : SignalIntakeTests(app);
