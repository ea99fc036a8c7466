using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Public;

public abstract class PublicEvidenceTests(ForewarnApp app) : ProviderTests(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. Encoding.ASCII.GetBytes("IHDR-evidence")];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 转账截图说明\n%%EOF\n");

    [Fact]
    public async Task A_report_keeps_its_evidence_sealed_for_reviewers_and_refuses_what_is_not_an_image_or_pdf()
    {
        using var citizen = App.CreateClient();
        var contact = Intake.NewPhone();
        var sent = await citizen.PostAsJsonAsync("/api/v1/public/reports", new
        {
            channel = "wechat", content = "网上认识的男朋友带我在一个平台投资，提现要交保证金", contact,
            evidence = new[] { new { data = Convert.ToBase64String(Png) }, new { data = "data:application/pdf;base64," + Convert.ToBase64String(Pdf) } },
        }, Ct);
        var answer = await sent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var text = await citizen.PostAsJsonAsync("/api/v1/public/reports", new
        {
            channel = "sms", content = "可疑短信", evidence = new[] { new { data = Convert.ToBase64String(Encoding.UTF8.GetBytes("<html><script>alert(1)</script>")) } },
        }, Ct);
        var huge = new byte[5 * 1024 * 1024 + 1];
        Png.CopyTo(huge, 0);
        var tooBig = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "sms", content = "大图", evidence = new[] { new { data = Convert.ToBase64String(huge) } } }, Ct);
        var tooMany = await citizen.PostAsJsonAsync("/api/v1/public/reports", new
        {
            channel = "sms", content = "多图", evidence = Enumerable.Repeat(new { data = Convert.ToBase64String(Png) }, 4).ToArray(),
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(2, answer.GetProperty("evidence").GetInt32());
        Assert.DoesNotContain(contact, answer.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.True((await text.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("evidence[0]", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        var id = answer.GetProperty("id").GetInt64();
        using var analyst = await App.ClientFor("city.analyst");
        var queue = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/public-reports?status=pending", Ct);
        var files = queue.EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id).GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.GetProperty("contentType").GetString()));
        var png = await analyst.GetAsync(files[0].GetProperty("href").GetString(), Ct);
        var pdf = await analyst.GetAsync(files[1].GetProperty("href").GetString(), Ct);
        Assert.Equal(Png, await png.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        using var officer = await App.ClientFor("longxi.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(files[0].GetProperty("href").GetString(), Ct)).StatusCode);
        using var citizenAgain = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await citizenAgain.GetAsync(files[0].GetProperty("href").GetString(), Ct)).StatusCode);

        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var stored = await db.Database.SqlQuery<byte[]>($"SELECT \"Content\" AS \"Value\" FROM \"ReportEvidence\" WHERE \"ReportId\" = {id}").ToListAsync(Ct);
            Assert.Equal(2, stored.Count);
            Assert.All(stored, s => Assert.StartsWith("fw1.", Encoding.ASCII.GetString(s)));
            Assert.All(stored, s => Assert.True(s.AsSpan().IndexOf("%PDF"u8) < 0));
        }
    }
}

public sealed class PublicEvidenceTests_Sqlite(SqliteApp app) : PublicEvidenceTests(app);

public sealed class PublicEvidenceTests_Postgres(PostgresApp app) : PublicEvidenceTests(app);
