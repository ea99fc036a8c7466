using System.Security.Claims;
using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Suspects;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// <c>POST /api/v1/two-cards</c> <c>{ kind: "sim"|"bank", number, issuer?, holderName, holderIdNumber?, punishments: ["financial", "communication"],
/// years: 2|3|5, startsOn?, basis?, caseId?, suspectId?, unitCode? }</c> — imposes a confirmed two-card punishment (两卡惩戒). It ends by itself
/// <c>years</c> after <c>startsOn</c> (default today); meanwhile the card is a confirmed indicator. A card with a measure in force is a 409.
/// </summary>
public static class ImposeMeasure
{
    public static readonly int[] StatutoryYears = [2, 3, 5];

    public sealed record Request(string? Kind, string? Number, string? Issuer, string? HolderName, string? HolderIdNumber, List<string>? Punishments,
        int? Years, string? StartsOn, string? Basis, long? CaseId, long? SuspectId, string? UnitCode);

    public static async Task<Results<Created<ReadMeasures.View>, ProblemHttpResult>> Handle(Request request, AppDbContext db, TerritoryResolver territory,
        LookupHasher hasher, BlacklistHolder blacklist, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        string? number = null;
        if (request.Kind is not (CardKind.Sim or CardKind.Bank))
        {
            errors["kind"] = [L.T("kind 应为 sim（电话卡）或 bank（银行卡）", "kind must be sim or bank")];
        }
        else
        {
            number = IndicatorValue.Normalise(TwoCardIndicators.TypeOf(request.Kind), request.Number, out _);
            if (number is null)
            {
                errors["number"] = [request.Kind == CardKind.Sim ? L.T("电话号码无效", "invalid phone number") : L.T("银行卡号或账户无效", "invalid card or account number")];
            }
            else if (NeverFlag.Contains(TwoCardIndicators.TypeOf(request.Kind), number))
            {
                errors["number"] = [L.T("该号码在预警豁免名单中", "this number is on the never-flag list")];
            }
        }
        var holder = Person.Parse(request.HolderName, request.HolderIdNumber, null, errors);
        if (errors.Remove("name", out var nameErrors))
        {
            errors["holderName"] = nameErrors;
        }
        if (errors.Remove("idNumber", out var idErrors))
        {
            errors["holderIdNumber"] = idErrors;
        }
        var punishments = (request.Punishments ?? []).Select(p => p.Trim().ToLowerInvariant()).Distinct().ToList();
        if (punishments.Count == 0 || punishments.Any(p => p is not ("financial" or "communication")))
        {
            errors["punishments"] = [L.T("惩戒措施应为 financial（金融惩戒）和/或 communication（通信惩戒）", "punishments must be financial and/or communication")];
        }
        if (request.Years is not { } years || !StatutoryYears.Contains(years))
        {
            errors["years"] = [L.T("惩戒期限应为 2、3 或 5 年", "years must be 2, 3 or 5")];
            years = 0;
        }
        var startsAt = now;
        if (request.StartsOn is not null && !Jurisdiction.TryTime(request.StartsOn, out startsAt))
        {
            errors["startsOn"] = [L.T("开始日期无效", "invalid start date")];
        }
        else if (startsAt > now.AddDays(1))
        {
            errors["startsOn"] = [L.T("开始日期不能在未来", "the start cannot be in the future")];
        }
        else if (years > 0 && startsAt.AddYears(years) <= now)
        {
            errors["startsOn"] = [L.T("按此开始日期惩戒期已满", "with this start the period has already ended")];
        }
        if (request.Issuer?.Length > 100)
        {
            errors["issuer"] = [L.T("发卡机构不能超过100字", "issuer must be at most 100 characters")];
        }
        if (request.Basis?.Length > 2000)
        {
            errors["basis"] = [L.T("惩戒依据不能超过2000字", "basis must be at most 2000 characters")];
        }
        if (request.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            errors["caseId"] = [L.T("案件不存在或不在您的辖区内", "no such case in your jurisdiction")];
        }
        if (request.SuspectId is { } suspectId && !await db.Set<Suspect>().AnyAsync(s => s.Id == suspectId, ct))
        {
            errors["suspectId"] = [L.T("嫌疑人不存在或不在您的辖区内", "no such suspect in your jurisdiction")];
        }
        var map = await territory.GetMapAsync(ct);
        var unit = Jurisdiction.UnitFor(map, user, request.UnitCode);
        if (unit is null)
        {
            Jurisdiction.UnitError(errors);
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var numberKey = hasher.Hash(request.Kind!, number!);
        if (await db.Set<TwoCardMeasure>().IgnoreQueryFilters().AnyAsync(m => m.Kind == request.Kind && m.NumberKey == numberKey && m.Status == MeasureStatus.Active, ct))
        {
            return Problems.Conflict("该卡已在惩戒期内", "This card already has a measure in force");
        }
        var measure = new TwoCardMeasure
        {
            Kind = request.Kind!, Number = number!, NumberKey = numberKey, Issuer = request.Issuer?.Trim(), HolderName = holder!.Name,
            HolderIdNumber = holder.IdNumber, HolderIdKey = holder.IdKey(hasher), Financial = punishments.Contains("financial"),
            Communication = punishments.Contains("communication"), Years = years, StartsAt = startsAt, ExpiresAt = startsAt.AddYears(years),
            Status = MeasureStatus.Active, Basis = request.Basis, CaseId = request.CaseId, SuspectId = request.SuspectId, UnitCode = unit!.Code,
            UnitPath = unit.UnitPath, CreatedAt = now, CreatedBy = Jurisdiction.Actor(user), Revision = Guid.NewGuid(),
        };
        db.Add(measure);
        await TwoCardIndicators.ConfirmAsync(db, measure, now, ct);
        await db.SaveChangesAsync(ct);
        blacklist.MarkDirty();
        return TypedResults.Created($"/api/v1/two-cards/{measure.Id}", ReadMeasures.ToView(measure, map));
    }
}
