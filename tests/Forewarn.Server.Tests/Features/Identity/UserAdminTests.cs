using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Identity;

public abstract class UserAdminTests(ForewarnApp app) : ProviderTests(app)
{
    private static string NewName() => "n." + Guid.NewGuid().ToString("N")[..10];

    private async Task<List<JsonElement>> AuditAsync(string target)
    {
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            return (await db.AuditRecords.AsNoTracking().Where(r => r.Target != null && r.Target.StartsWith(target)).OrderBy(r => r.Seq).ToListAsync(Ct))
                .Select(r => JsonSerializer.SerializeToElement(new { r.Event, r.User, r.Target, r.Result }, JsonSerializerOptions.Web)).ToList();
        }
    }

    [Fact]
    public async Task The_system_admin_creates_a_user_and_only_the_security_admin_gives_a_role()
    {
        var name = NewName();
        using var system = await App.ClientFor("system.admin");
        using var security = await App.ClientFor("security.admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await security.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "赵六", unitCode = "500112011" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await system.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "赵六", unitCode = "999999" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await system.PostAsJsonAsync("/api/v1/users", new { username = "Bad Name", displayName = "赵六", unitCode = "500112011" }, Ct)).StatusCode);

        var created = await system.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "赵六", unitCode = "500112011" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("oneTimePassword").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await system.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "x", unitCode = "500112011" }, Ct)).StatusCode);

        var first = await (await App.SignInAsync(name, password)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(first.GetProperty("mustChangePassword").GetBoolean());

        Assert.Equal(HttpStatusCode.Forbidden, (await system.PutAsJsonAsync($"/api/v1/users/{name}/roles", new { roles = new[] { Roles.StationOfficer } }, Ct)).StatusCode);
        var assigned = await security.PutAsJsonAsync($"/api/v1/users/{name}/roles", new { roles = new[] { Roles.StationOfficer } }, Ct);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        var listed = (await system.GetFromJsonAsync<List<JsonElement>>("/api/v1/users", Ct))!.Single(u => u.GetProperty("username").GetString() == name);
        Assert.Equal("500112011", listed.GetProperty("unitCode").GetString());
        Assert.Equal(Roles.StationOfficer, listed.GetProperty("roles")[0].GetString());
        Assert.True(listed.GetProperty("mustChangePassword").GetBoolean());
        Assert.Single((await security.GetFromJsonAsync<List<JsonElement>>("/api/v1/users", Ct))!, u => u.GetProperty("username").GetString() == name);

        var audit = await AuditAsync(name);
        Assert.Contains(audit, r => r.GetProperty("event").GetString() == "POST /api/v1/users/" && r.GetProperty("user").GetString() == "system.admin" && r.GetProperty("result").GetString() == "ok");
        Assert.Contains(audit, r => r.GetProperty("target").GetString() == $"{name}: {Roles.StationOfficer}" && r.GetProperty("user").GetString() == "security.admin");
    }

    [Fact]
    public async Task Admin_roles_stand_alone_and_nobody_changes_their_own()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer, demo: true);
        using var security = await App.ClientFor("security.admin");
        var both = await security.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { roles = new[] { Roles.SystemAdmin, Roles.AuditAdmin } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("三员", await both.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await security.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { roles = new[] { Roles.AuditAdmin, Roles.CityAnalyst } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await security.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { roles = new[] { "root" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await security.PutAsJsonAsync("/api/v1/users/security.admin/roles", new { roles = new[] { Roles.CityAnalyst } }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer, demo: true);
        using var session = App.Bearer(await Accounts.TokenOf(await App.SignInAsync(user)));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/warnings", Ct)).StatusCode);
        using var security = await App.ClientFor("security.admin");
        Assert.Equal(HttpStatusCode.OK, (await security.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { roles = new[] { Roles.GridWorker } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/warnings", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_sessions_and_forces_a_change_at_next_sign_in()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer, demo: true);
        using var session = App.Bearer(await Accounts.TokenOf(await App.SignInAsync(user)));
        using var system = await App.ClientFor("system.admin");
        var reset = await system.PostAsync($"/api/v1/users/{user}/password-reset", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var password = (await reset.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("oneTimePassword").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/warnings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.SignInAsync(user)).StatusCode);
        var again = await (await App.SignInAsync(user, password)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(again.GetProperty("mustChangePassword").GetBoolean());
        Assert.Contains(await AuditAsync(user), r => r.GetProperty("event").GetString()!.Contains("password-reset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moving_a_user_changes_their_territory_and_ends_their_sessions()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer, demo: true);
        using var session = App.Bearer(await Accounts.TokenOf(await App.SignInAsync(user)));
        using var system = await App.ClientFor("system.admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await system.PutAsJsonAsync($"/api/v1/users/{user}/unit", new { unitCode = "123" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.PutAsJsonAsync($"/api/v1/users/{user}/unit", new { unitCode = "500103003" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/warnings", Ct)).StatusCode);

        using var moved = App.Bearer(await Accounts.TokenOf(await App.SignInAsync(user)));
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync("/api/v1/units/500103003", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moved.GetAsync("/api/v1/units/500112011", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_security_admin_issues_scoped_keys_and_revokes_them()
    {
        var name = NewName();
        using var security = await App.ClientFor("security.admin");
        using var system = await App.ClientFor("system.admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await system.PostAsJsonAsync("/api/v1/clients", new { name, scopes = new[] { "signals" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await security.PostAsJsonAsync("/api/v1/clients", new { name, scopes = new[] { "everything" } }, Ct)).StatusCode);

        var created = await security.PostAsJsonAsync("/api/v1/clients", new { name, scopes = new[] { "contacts" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("apiKey").GetString()!;
        using var client = App.SourceClient(key);
        using var empty = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/signals", empty, Ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/contacts", new StringContent("", System.Text.Encoding.UTF8, "text/csv"), Ct)).StatusCode);

        var listed = (await security.GetFromJsonAsync<List<JsonElement>>("/api/v1/clients", Ct))!.Single(c => c.GetProperty("name").GetString() == name);
        Assert.DoesNotContain(key, listed.ToString());
        var id = body.GetProperty("id").GetInt32();
        // Stored is the key's SHA-256, never the key.
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var stored = await db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
            Assert.Equal(sha256, stored.KeyHash);
            Assert.DoesNotContain(key, $"{stored.Name} {stored.KeyHash} {stored.Scopes}", StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"/api/v1/clients/{id}/revoke", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/contacts", new StringContent("", System.Text.Encoding.UTF8, "text/csv"), Ct)).StatusCode);
        Assert.Contains(await AuditAsync(name), r => r.GetProperty("target").GetString() == name && r.GetProperty("user").GetString() == "security.admin");
    }
}

public sealed class UserAdminTests_Sqlite(SqliteApp app) : UserAdminTests(app);

public sealed class UserAdminTests_Postgres(PostgresApp app) : UserAdminTests(app);
