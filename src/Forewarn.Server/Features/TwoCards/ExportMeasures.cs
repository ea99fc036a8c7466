using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// <c>GET /api/v1/two-cards/export?for=banks|operators</c> — the measures in force as a CSV to send out: for banks the financial measures
/// (holder, ID number, account), for operators the communication blacklist (holder, ID number, phone number). These carry full numbers,
/// because the recipient must act on them, so the policy is <see cref="Cases.CrackdownPolicies.Approve"/> and the export is audited with its row count.
/// </summary>
public static class ExportMeasures
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(AppDbContext db, AuditTrail audit, TimeProvider clock, string? @for,
        CancellationToken ct)
    {
        if (@for is not ("banks" or "operators"))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["for"] = [L.T("for 应为 banks（银行）或 operators（运营商）", "for must be banks or operators")] });
        }
        var banks = @for == "banks";
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<TwoCardMeasure>().AsNoTracking()
            .Where(m => m.Status == MeasureStatus.Active && m.StartsAt <= now && m.ExpiresAt > now && (banks ? m.Financial : m.Communication))
            .OrderBy(m => m.Id).ToListAsync(ct);
        audit.Current?.Target = $"{@for}: {rows.Count} rows";
        var header = new[]
        {
            L.T("编号", "Id"), L.T("卡类型", "Card"), banks ? L.T("账号/卡号", "Account") : L.T("电话号码", "Phone number"), L.T("发卡机构", "Issuer"),
            L.T("持卡人", "Holder"), L.T("身份证号", "ID number"), L.T("惩戒措施", "Measures"), L.T("期限（年）", "Years"), L.T("开始", "Starts"),
            L.T("到期", "Expires"),
        };
        var lines = rows.Select(m => new object?[]
        {
            m.Id, m.Kind == CardKind.Sim ? L.T("电话卡", "SIM") : L.T("银行卡", "bank card"), m.Number, m.Issuer, m.HolderName, m.HolderIdNumber,
            string.Join(' ', ReadMeasures.Punishments(m).Select(p => p == "financial" ? L.T("金融惩戒", "financial") : L.T("通信惩戒", "communication"))),
            m.Years, ChinaDate(m.StartsAt), ChinaDate(m.ExpiresAt),
        });
        return Csv.File(header, lines, $"two-cards-{@for}-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}");
    }

    private static string ChinaDate(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
