using System.Net;
using System.Net.Http.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Components;

/// <summary>The server-rendered two-card and suspect pages show the caller's rows, masked, and nobody else's.</summary>
public abstract class CrackdownPagesTests(ForewarnApp app) : ProviderTests(app)
{
    /// <summary>The page's text: Razor writes Chinese as character references.</summary>
    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path, Ct));

    [Fact]
    public async Task The_two_card_and_suspect_pages_list_the_callers_rows_masked()
    {
        using var longxi = await App.ClientFor("longxi.officer");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        var phone = Intake.NewFraudPhone();
        var imposed = await longxi.PostAsJsonAsync("/api/v1/two-cards", new { kind = "sim", number = phone, holderName = "页面卡农", punishments = new[] { "communication" }, years = 2 }, Ct);
        Assert.Equal(HttpStatusCode.Created, imposed.StatusCode);
        var id = People.NewIdNumber();
        var created = await longxi.PostAsJsonAsync("/api/v1/suspects", new { name = "页面嫌疑人", idNumber = id }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var cards = await PageAsync(longxi, $"/two-cards?number={phone}");
        Assert.Contains("两卡惩戒", cards, StringComparison.Ordinal);
        Assert.Contains(phone[..3] + "****" + phone[^4..], cards, StringComparison.Ordinal);
        // The number typed into the search box comes back in the form; the table shows it masked only.
        Assert.DoesNotContain($"<code>{phone}</code>", cards, StringComparison.Ordinal);
        Assert.DoesNotContain("export?for=banks", cards, StringComparison.Ordinal);
        Assert.DoesNotContain(phone[^4..] + "</code>", await PageAsync(jiefangbei, $"/two-cards?number={phone}"), StringComparison.Ordinal);

        var suspects = await PageAsync(longxi, $"/suspects?idNumber={id}");
        Assert.Contains("页****", suspects, StringComparison.Ordinal);
        Assert.DoesNotContain($"<code>{id}</code>", suspects, StringComparison.Ordinal);
        Assert.DoesNotContain("页****", await PageAsync(jiefangbei, $"/suspects?idNumber={id}"), StringComparison.Ordinal);
        using var analyst = await App.ClientFor("city.analyst");
        Assert.Contains("export?for=banks", await PageAsync(analyst, "/two-cards"), StringComparison.Ordinal);
    }
}

public sealed class CrackdownPagesTests_Sqlite(SqliteApp app) : CrackdownPagesTests(app);

public sealed class CrackdownPagesTests_Postgres(PostgresApp app) : CrackdownPagesTests(app);
