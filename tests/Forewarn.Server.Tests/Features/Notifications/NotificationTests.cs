using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Notifications;

public abstract class NotificationTests(ForewarnApp app) : ProviderTests(app)
{
    private async Task<long> RaiseAsync(string adminCode)
    {
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromMinutes(1), subjectExtra: new { adminCode }, extra: new { level = "high" });
        return (await App.SendAsync(clue))[0].WarningId!.Value;
    }

    private async Task<List<JsonElement>> MineAsync(HttpClient client, bool unread = false) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/notifications?take=500{(unread ? "&unread=true" : "")}", Ct)).EnumerateArray()];

    [Fact]
    public async Task A_notification_is_marked_read_once_and_only_by_someone_it_is_for()
    {
        var warning = await RaiseAsync("500103003");
        using var officer = await App.ClientFor("jiefangbei.officer");
        using var stranger = await App.ClientFor("longxi.officer");
        var note = (await MineAsync(officer, unread: true)).First(n => n.GetProperty("warningId").GetInt64() == warning);
        var id = note.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/notifications/{id}/read", new { }, Ct)).StatusCode);
        var first = await (await officer.PostAsJsonAsync($"/api/v1/notifications/{id}/read", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var again = await (await officer.PostAsJsonAsync($"/api/v1/notifications/{id}/read", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(1, first.GetProperty("marked").GetInt32());
        Assert.Equal(0, again.GetProperty("marked").GetInt32());
        Assert.True((await MineAsync(officer)).Single(n => n.GetProperty("id").GetInt64() == id).GetProperty("read").GetBoolean());
        Assert.DoesNotContain(await MineAsync(officer, unread: true), n => n.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Read_all_marks_only_the_callers_notifications()
    {
        var mine = await RaiseAsync("500103003");
        var theirs = await RaiseAsync("500112011");
        using var officer = await App.ClientFor("jiefangbei.officer");
        using var other = await App.ClientFor("longxi.officer");
        Assert.Contains(await MineAsync(other, unread: true), n => n.GetProperty("warningId").GetInt64() == theirs);

        var response = await officer.PostAsJsonAsync("/api/v1/notifications/read-all", new { }, Ct);
        var marked = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(marked.GetProperty("marked").GetInt32() >= 1);
        Assert.DoesNotContain(await MineAsync(officer, unread: true), n => n.GetProperty("warningId").GetInt64() == mine);
        Assert.Contains(await MineAsync(other, unread: true), n => n.GetProperty("warningId").GetInt64() == theirs);
    }
}

public sealed class NotificationTests_Sqlite(SqliteApp app) : NotificationTests(app);

public sealed class NotificationTests_Postgres(PostgresApp app) : NotificationTests(app);
