using System.Net;
using System.Net.Http.Json;
using Forewarn.Engine.Values;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// Personal values seeded here travel through intake, quarantine, warnings, reveal, export and cases — and never appear
/// in any log line of the server (every category and level it writes), before or after this test in the same run.
/// </summary>
public abstract class PersonalDataLogTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Seeded_personal_values_never_reach_the_log()
    {
        var phone = Intake.NewPhone();
        var name = "欧阳" + (char)Random.Shared.Next(0x4E00, 0x9FA5) + (char)Random.Shared.Next(0x4E00, 0x9FA5);
        var id = IdNumber.Create("500112", new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(10_000)), Random.Shared.Next(1, 999)).Value;
        App.Log.Watch(phone, name, id);
        var before = App.Log.Lines;

        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var results = await App.SendAsync(
            Intake.Call(phone, fraud, 900, TimeSpan.FromMinutes(2), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon, name, idNumber = id }),
            Intake.Call(phone, "not-a-number", -5, TimeSpan.FromMinutes(2), new { name, idNumber = id + "X" }));
        var warning = results[0].WarningId!.Value;

        using var officer = await App.ClientFor("yubei.dispatcher");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{warning}/reveal", new { reason = "核实身份" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/warnings/export?format=csv", Ct)).StatusCode);
        using var analyst = await App.ClientFor("city.analyst");
        var created = await analyst.PostAsJsonAsync("/api/v1/cases", new
        {
            title = "日志扫描", fraudType = "fake_police", loss = 100m, unitCode = "500112",
            victims = new[] { new { name, phone, idNumber = id } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bad = await analyst.PostAsJsonAsync("/api/v1/cases", new { title = "", victims = new[] { new { name, phone = phone + "x", idNumber = id } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        Figures.Report($"plaintext scan of the logs ({App.Provider})", ("values_watched", 3), ("lines_during_test", App.Log.Lines - before),
            ("lines_in_run_so_far", App.Log.Lines), ("plaintext_hits", App.Log.Hits.Count));
        Assert.True(App.Log.Lines > before + 20, "the server logged while the test ran");
        Assert.True(App.Log.Hits.IsEmpty, string.Join("\n", App.Log.Hits.Take(10)));
    }
}

public sealed class PersonalDataLogTests_Sqlite(SqliteApp app) : PersonalDataLogTests(app);

public sealed class PersonalDataLogTests_Postgres(PostgresApp app) : PersonalDataLogTests(app);
