using Forewarn.Engine.Indicators;
using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Public;

/// <summary>
/// <c>GET /api/v1/public/check?phone=..</c> (or <c>url=</c>, <c>account=</c>) — a citizen checks a number, link or account.
/// No login, rate-limited, and the answer never holds personal data: only the risk, the fraud types seen with it, and advice.
/// </summary>
public static class CheckRisk
{
    public sealed record Response(string Risk, IReadOnlyList<string> FraudTypes, string Advice);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(string? phone, string? url, string? account, AppDbContext db,
        BlacklistHolder blacklist, CancellationToken ct)
    {
        var given = new[] { (IndicatorType.Phone, phone), (IndicatorType.Url, url), (IndicatorType.Account, account) }.Where(g => !string.IsNullOrWhiteSpace(g.Item2)).ToList();
        if (given.Count != 1)
        {
            return Problems.BadRequest("请只提供 phone、url 或 account 其中之一", "Give exactly one of phone, url or account");
        }
        var (type, raw) = given[0];
        var value = IndicatorValue.Normalise(type, raw, out _);
        if (value is null)
        {
            return Problems.BadRequest("号码、网址或账号格式无效", "That number, link or account is not valid");
        }
        if (NeverFlag.Contains(type, value))
        {
            return TypedResults.Ok(new Response("none", [], L.T("这是官方号码。96110 是反诈预警专线，接到请务必接听。", "This is an official number. 96110 is the anti-fraud warning line: always answer it.")));
        }
        var list = blacklist.Current;
        var hit = type == IndicatorType.Url
            ? list.TryMatchUrl(value, Engine.Values.WebUrl.TryParse(value, out var u) ? u.Host : null, out var h1) ? h1 : (IndicatorHit?)null
            : list.TryMatch(type, value, out var h2) ? h2 : null;
        if (hit is null)
        {
            return TypedResults.Ok(new Response("none", [], L.T("暂未发现风险。仍请警惕：凡是要求转账、共享屏幕、下载陌生软件的，都可能是诈骗。如有疑问请拨打 96110。",
                "No risk known. Stay careful: anyone asking you to transfer money, share your screen or install an app may be a scammer. Call 96110 when in doubt.")));
        }
        var types = await db.Signals.IgnoreQueryFilters().Where(s => s.Counterparty == value && s.FraudType != null)
            .Select(s => s.FraudType!).Distinct().OrderBy(t => t).Take(5).ToListAsync(ct);
        var names = types.Select(t => FraudTypes.Find(t) is { } f ? L.T(f.Chinese, f.English) : t).ToList();
        var risk = hit.Value.Status == IndicatorStatus.Confirmed ? "high" : "suspected";
        var advice = types.Select(FraudTypes.Find).FirstOrDefault(f => f is not null)?.Advice
            ?? L.T("该号码/网址/账号涉嫌诈骗，请立即停止联系和转账，并拨打 96110 或 110。", "This is linked to fraud: stop contact and payments at once, and call 96110 or 110.");
        return TypedResults.Ok(new Response(risk, names, advice));
    }
}
