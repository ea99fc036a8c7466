using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.WatchLists;

public abstract class WatchListTests(ForewarnApp app) : ProviderTests(app)
{
    private static string Day(int offset) => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> AddAsync(HttpClient client, string kind, string reviewBy, string name = "郑招募")
    {
        var response = await client.PostAsJsonAsync("/api/v1/watch-lists", new
        {
            kind, name, idNumber = People.NewIdNumber(), phone = Intake.NewPhone(), reason = "以高薪招聘为名招募人员出境", reviewBy,
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task The_due_list_shows_only_the_callers_entries_due_for_review_and_a_review_moves_them_on()
    {
        using var longxi = await App.ClientFor("longxi.officer");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        var mine = await AddAsync(longxi, "recruiter", Day(0));
        var later = await AddAsync(longxi, "exit_risk", Day(20), "冯出境");
        var theirs = await AddAsync(jiefangbei, "exit_risk", Day(0));
        Assert.Equal("郑**", mine.GetProperty("name").GetString());
        Assert.Contains("*", mine.GetProperty("idNumber").GetString(), StringComparison.Ordinal);
        Assert.True(mine.GetProperty("due").GetBoolean());

        var due = (await longxi.GetFromJsonAsync<JsonElement>("/api/v1/watch-lists/due?pageSize=200", Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(due, w => w.GetProperty("id").GetInt64() == mine.GetProperty("id").GetInt64());
        Assert.DoesNotContain(due, w => w.GetProperty("id").GetInt64() == later.GetProperty("id").GetInt64());
        Assert.DoesNotContain(due, w => w.GetProperty("id").GetInt64() == theirs.GetProperty("id").GetInt64());
        Assert.DoesNotContain(due, w => w.GetProperty("unitCode").GetString() != "500112011");
        var soon = (await longxi.GetFromJsonAsync<JsonElement>("/api/v1/watch-lists/due?within=30&pageSize=200", Ct)).GetProperty("items").EnumerateArray();
        Assert.Contains(soon, w => w.GetProperty("id").GetInt64() == later.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.GetAsync($"/api/v1/watch-lists/{mine.GetProperty("id").GetInt64()}", Ct)).StatusCode);

        var reviewed = await longxi.PostAsJsonAsync($"/api/v1/watch-lists/{mine.GetProperty("id").GetInt64()}/review", new { note = "仍在本地活动", nextReviewBy = Day(30) }, Ct);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.False((await reviewed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("due").GetBoolean());
        due = (await longxi.GetFromJsonAsync<JsonElement>("/api/v1/watch-lists/due?pageSize=200", Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(due, w => w.GetProperty("id").GetInt64() == mine.GetProperty("id").GetInt64());
        var removed = await longxi.PostAsJsonAsync($"/api/v1/watch-lists/{later.GetProperty("id").GetInt64()}/review", new { note = "已核实无风险", remove = true }, Ct);
        Assert.Equal("removed", (await removed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_bad_watch_entry_is_refused_with_field_reasons()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var response = await officer.PostAsJsonAsync("/api/v1/watch-lists", new { kind = "smuggler", name = "x", reviewBy = "next week", idNumber = "123" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "kind", "reviewBy", "reason", "idNumber" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        using var grid = await App.ClientFor("longxi.grid");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync("/api/v1/watch-lists", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await grid.GetAsync("/api/v1/watch-lists/due", Ct)).StatusCode);
    }
}

public sealed class WatchListTests_Sqlite(SqliteApp app) : WatchListTests(app);

public sealed class WatchListTests_Postgres(PostgresApp app) : WatchListTests(app);
