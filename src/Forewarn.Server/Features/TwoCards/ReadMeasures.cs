using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// <c>GET /api/v1/two-cards?kind=sim|bank&amp;status=active|expired|restored&amp;unit=..&amp;holderIdNumber=..&amp;number=..&amp;page=..</c> and
/// <c>GET /api/v1/two-cards/{id}</c> — the caller's two-card measures; card and holder are masked, exact lookups use keyed hashes.
/// </summary>
public static class ReadMeasures
{
    public sealed record View(long Id, string Kind, string? Number, string? Issuer, string? HolderName, string? HolderIdNumber,
        IReadOnlyList<string> Punishments, int Years, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, string Status, string StatusLabel,
        string UnitCode, string? UnitName, long? CaseId, long? SuspectId, DateTimeOffset? EndedAt, string? EndedBy);

    public sealed record Response(IReadOnlyList<View> Items, int Page, int PageSize, int Total);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> List(AppDbContext db, TerritoryResolver territory, LookupHasher hasher,
        string? kind, string? status, string? unit, string? holderIdNumber, string? number, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var map = await territory.GetMapAsync(ct);
        var query = db.Set<TwoCardMeasure>().AsNoTracking();
        if (kind is not null)
        {
            if (kind is not (CardKind.Sim or CardKind.Bank))
            {
                errors["kind"] = [L.T("kind 应为 sim 或 bank", "kind must be sim or bank")];
            }
            query = query.Where(m => m.Kind == kind);
        }
        if (status is not null)
        {
            if (!MeasureStatus.All.Contains(status))
            {
                errors["status"] = [L.T("status 应为 active、expired 或 restored", "status must be active, expired or restored")];
            }
            query = query.Where(m => m.Status == status);
        }
        if (unit is not null)
        {
            if (map.Find(unit) is { } u)
            {
                query = query.Where(m => m.UnitPath.StartsWith(u.UnitPath));
            }
            else
            {
                Jurisdiction.UnitError(errors, "unit");
            }
        }
        if (holderIdNumber is not null)
        {
            if (IdNumber.TryParse(holderIdNumber.Trim(), out var id))
            {
                var key = hasher.Hash("id", id.Value);
                query = query.Where(m => m.HolderIdKey == key);
            }
            else
            {
                errors["holderIdNumber"] = [L.T("身份证号无效", "invalid ID number")];
            }
        }
        if (number is not null)
        {
            var phone = Indicators.IndicatorValue.Normalise(Engine.Indicators.IndicatorType.Phone, number, out _);
            var account = Indicators.IndicatorValue.Normalise(Engine.Indicators.IndicatorType.Account, number, out _);
            var keys = new[] { phone is null ? null : hasher.Hash(CardKind.Sim, phone), account is null ? null : hasher.Hash(CardKind.Bank, account) }
                .OfType<string>().ToList();
            query = query.Where(m => keys.Contains(m.NumberKey));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (n, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.StartsAt).ThenByDescending(m => m.Id).Skip((n - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Response([.. rows.Select(m => ToView(m, map))], n, size, total));
    }

    public static async Task<Results<Ok<View>, ProblemHttpResult>> Get(long id, AppDbContext db, TerritoryResolver territory, CancellationToken ct)
    {
        var row = await db.Set<TwoCardMeasure>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        return row is null ? Problems.NotFound() : TypedResults.Ok(ToView(row, await territory.GetMapAsync(ct)));
    }

    public static View ToView(TwoCardMeasure m, TerritoryMap map) => new(m.Id, m.Kind, MaskNumber(m.Kind, m.Number), m.Issuer, Mask.Name(m.HolderName),
        Mask.IdNumber(m.HolderIdNumber), Punishments(m), m.Years, ListWarnings.Utc(m.StartsAt), ListWarnings.Utc(m.ExpiresAt), m.Status,
        MeasureStatus.ChineseName(m.Status), m.UnitCode, map.Find(m.UnitCode)?.Name, m.CaseId, m.SuspectId, ListCases.Utc(m.EndedAt), m.EndedBy);

    public static List<string> Punishments(TwoCardMeasure m) => [.. new[] { m.Financial ? "financial" : null, m.Communication ? "communication" : null }.OfType<string>()];

    public static string? MaskNumber(string kind, string number) => kind == CardKind.Sim ? Mask.Phone(number)
        : BankCard.TryParse(number, out var card) ? card.Masked
        : number.Length > 8 ? number[..4] + new string('*', number.Length - 8) + number[^4..] : "****";
}
