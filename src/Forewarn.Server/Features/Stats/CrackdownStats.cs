using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Suspects;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.TwoCards;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Stats;

/// <summary>
/// <c>GET /api/v1/stats/crackdown?from=..&amp;to=..&amp;unit=..&amp;format=json|csv</c> — crackdown figures (打击战果) for a period and unit of the
/// caller's territory, beside the same period a year earlier (同比): cases filed and solved, suspects arrested and transferred for
/// prosecution, dens destroyed, two-card measures imposed and in force at the period's end, and numbers on the communication blacklist.
/// </summary>
public static class CrackdownStats
{
    public sealed record Figures(int CasesFiled, int CasesSolved, decimal Loss, int SuspectsArrested, int SuspectsProsecuted, int DensDestroyed,
        int TwoCardsImposed, int TwoCardsInForce, int FinancialInForce, int BlacklistedNumbers);

    public sealed record Response(DateTimeOffset From, DateTimeOffset To, string? Unit, Figures Current, Figures LastYear,
        IReadOnlyDictionary<string, double?> YearOnYear);

    public static async Task<Results<Ok<Response>, FileContentHttpResult, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory,
        TimeProvider clock, string? from, string? to, string? unit, string? format, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["format"] = [L.T("format 应为 json 或 csv", "format must be json or csv")] });
        }
        var (_, scope, start, end, problem) = await StatsQuery.ParseAsync(db, territory, from, to, unit, clock, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (end <= start)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["to"] = [L.T("结束时间应晚于开始时间", "to must be after from")] });
        }
        var path = scope?.UnitPath ?? "";
        var current = await FiguresAsync(db, path, start, end, ct);
        var lastYear = await FiguresAsync(db, path, start.AddYears(-1), end.AddYears(-1), ct);
        var response = new Response(ListWarnings.Utc(start), ListWarnings.Utc(end), scope?.Code, current, lastYear, Compare(current, lastYear));
        if (format != "csv")
        {
            return TypedResults.Ok(response);
        }
        var labels = Labels();
        var now = Values(current);
        var before = Values(lastYear);
        var rows = labels.Select(l => new object?[] { l.Key, l.Zh, now[l.Key], before[l.Key], response.YearOnYear[l.Key] is { } p ? $"{p:0.#}%" : "" });
        return Csv.File([L.T("指标", "Metric"), L.T("名称", "Name"), L.T("本期", "This period"), L.T("去年同期", "Same period last year"), L.T("同比", "Year on year")],
            rows, $"crackdown-{ExportWarnings.ChinaTime(response.From)[..10]}-{ExportWarnings.ChinaTime(response.To)[..10]}");
    }

    public static async Task<Figures> FiguresAsync(AppDbContext db, string path, DateTime start, DateTime end, CancellationToken ct)
    {
        var filed = db.Cases.Where(c => c.UnitPath.StartsWith(path) && c.CreatedAt >= start && c.CreatedAt < end);
        var measures = db.Set<TwoCardMeasure>().Where(m => m.UnitPath.StartsWith(path));
        var inForce = measures.Where(m => m.StartsAt < end && m.ExpiresAt >= end && (m.EndedAt == null || m.EndedAt >= end));
        return new Figures(
            await filed.CountAsync(ct),
            await db.Cases.CountAsync(c => c.UnitPath.StartsWith(path) && c.SolvedAt >= start && c.SolvedAt < end, ct),
            (await filed.SumAsync(c => (long?)c.LossFen, ct) ?? 0) / 100m,
            await db.Set<Arrest>().CountAsync(a => a.UnitPath.StartsWith(path) && a.At >= start && a.At < end, ct),
            await db.Set<Suspect>().CountAsync(s => s.UnitPath.StartsWith(path) && s.ProsecutedAt >= start && s.ProsecutedAt < end, ct),
            await db.Set<Den>().CountAsync(d => d.UnitPath.StartsWith(path) && d.DestroyedAt >= start && d.DestroyedAt < end, ct),
            await measures.CountAsync(m => m.StartsAt >= start && m.StartsAt < end, ct),
            await inForce.CountAsync(ct),
            await inForce.CountAsync(m => m.Financial, ct),
            await inForce.CountAsync(m => m.Kind == CardKind.Sim && m.Communication, ct));
    }

    /// <summary>Change against last year in percent; null when last year had none (no honest percentage exists).</summary>
    public static Dictionary<string, double?> Compare(Figures current, Figures lastYear)
    {
        var now = Values(current);
        var before = Values(lastYear);
        return now.ToDictionary(kv => kv.Key, kv => before[kv.Key] == 0 ? (double?)null : Math.Round((double)((kv.Value - before[kv.Key]) / before[kv.Key] * 100), 1));
    }

    public static Dictionary<string, decimal> Values(Figures f) => new()
    {
        ["casesFiled"] = f.CasesFiled, ["casesSolved"] = f.CasesSolved, ["loss"] = f.Loss, ["suspectsArrested"] = f.SuspectsArrested,
        ["suspectsProsecuted"] = f.SuspectsProsecuted, ["densDestroyed"] = f.DensDestroyed, ["twoCardsImposed"] = f.TwoCardsImposed,
        ["twoCardsInForce"] = f.TwoCardsInForce, ["financialInForce"] = f.FinancialInForce, ["blacklistedNumbers"] = f.BlacklistedNumbers,
    };

    public static (string Key, string Zh)[] Labels() =>
    [
        ("casesFiled", L.T("立案数", "Cases filed")), ("casesSolved", L.T("破案数", "Cases solved")), ("loss", L.T("立案损失（元）", "Loss of filed cases (yuan)")),
        ("suspectsArrested", L.T("抓获嫌疑人", "Suspects arrested")), ("suspectsProsecuted", L.T("移送起诉", "Transferred for prosecution")),
        ("densDestroyed", L.T("捣毁窝点", "Dens destroyed")), ("twoCardsImposed", L.T("新增两卡惩戒", "Two-card measures imposed")),
        ("twoCardsInForce", L.T("惩戒中两卡", "Two-card measures in force")), ("financialInForce", L.T("金融惩戒中", "Financial measures in force")),
        ("blacklistedNumbers", L.T("通信惩戒号码", "Numbers on the communication blacklist")),
    ];
}
