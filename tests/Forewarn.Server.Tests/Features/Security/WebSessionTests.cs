using System.Net;
using Forewarn.Engine.Security;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>The web UI's sign-in with the second factor, forced enrolment, and the admins' page.</summary>
public abstract class WebSessionTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task The_sign_in_page_asks_enrolled_staff_for_their_code()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer);
        var (secret, _, used) = await App.EnrolAsync(user);
        using var web = new WebForms(App);

        var page = await WebForms.TextAsync(await web.GetAsync("/login"));
        Assert.Contains("动态验证码", page);
        var without = await web.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        Assert.Contains("6位动态验证码", await WebForms.TextAsync(without));
        Assert.Equal(HttpStatusCode.Redirect, (await web.GetAsync("/tasks")).StatusCode);

        var with = await web.SignInAsync(user, code: Totp.Code(secret, used + 1));
        Assert.Equal(HttpStatusCode.Redirect, with.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/tasks")).StatusCode);
    }

    [Fact]
    public async Task Staff_who_have_not_enrolled_are_sent_to_enrol_and_can_do_nothing_else()
    {
        var user = await App.NewUserAsync(Roles.DistrictDispatcher, "500112", "500000/500112/");
        using var web = new WebForms(App);
        var signedIn = await web.SignInAsync(user);
        Assert.EndsWith("/totp", signedIn.Headers.Location?.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await web.GetAsync("/queue")).StatusCode);

        var page = await WebForms.TextAsync(await web.GetAsync("/totp"));
        Assert.Contains("data:image/png;base64,", page);
        var secret = Accounts.FromBase32(System.Text.RegularExpressions.Regex.Match(page, "id=\"totp-secret\">([A-Z2-7]+)<").Groups[1].Value);
        var confirmed = await web.PostAsync("/totp", "totp", ("Input.Code", Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow))));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task The_system_admin_creates_a_user_on_the_page_and_it_is_audited()
    {
        var name = "w." + Guid.NewGuid().ToString("N")[..10];
        using var web = new WebForms(App);
        Assert.Equal(HttpStatusCode.Redirect, (await web.SignInAsync("system.admin")).StatusCode);
        var page = await web.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("新建用户", await WebForms.TextAsync(page));

        var created = await web.PostAsync("/admin/users", "create-user", ("username", name), ("displayName", "钱七"), ("unitCode", "500103003"))
            ;
        var createdText = await WebForms.TextAsync(created);
        Assert.Contains("one-time-secret", createdText);
        Assert.Contains(name, createdText);
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            Assert.True(await db.Users.AnyAsync(u => u.UserName == name && u.UnitCode == "500103003" && u.MustChangePassword, Ct));
            Assert.True(await db.AuditRecords.AnyAsync(r => r.Event == "users.create" && r.Target == name && r.User == "system.admin", Ct));
        }

        using var officer = new WebForms(App);
        await officer.SignInAsync("longxi.officer");
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/admin/users")).StatusCode);
    }
}

public sealed class WebSessionTests_Sqlite(SqliteApp app) : WebSessionTests(app);

public sealed class WebSessionTests_Postgres(PostgresApp app) : WebSessionTests(app);
