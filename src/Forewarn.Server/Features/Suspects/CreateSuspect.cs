using System.Security.Claims;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>POST /api/v1/suspects</c> <c>{ name, idNumber?, phone?, alias?, unitCode?, note?, caseIds?: [..], indicators?: [{ type, value }],
/// groupId?, role? }</c> → the suspect, masked. The unit defaults to the caller's; linked cases and the group must be in the caller's territory.
/// </summary>
public static class CreateSuspect
{
    public sealed record Request(string? Name, string? IdNumber, string? Phone, string? Alias, string? UnitCode, string? Note, List<long>? CaseIds,
        List<CreateCase.IndicatorItem>? Indicators, long? GroupId, string? Role);

    public static async Task<Results<Created<ReadSuspects.SuspectView>, ProblemHttpResult>> Handle(Request request, AppDbContext db,
        TerritoryResolver territory, LookupHasher hasher, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var person = Person.Parse(request.Name, request.IdNumber, request.Phone, errors);
        if (request.Alias?.Length > 100)
        {
            errors["alias"] = [L.T("绰号不能超过100字", "alias must be at most 100 characters")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        var indicators = new List<SuspectIndicator>();
        foreach (var (item, i) in (request.Indicators ?? []).Select((x, i) => (x, i)))
        {
            if (ParseIndicator(item.Type, item.Value) is { } parsed)
            {
                indicators.Add(parsed);
            }
            else
            {
                errors[$"indicators[{i}]"] = [L.T("涉诈要素的类型或值无效", "invalid indicator type or value")];
            }
        }
        SuspectRole role = default;
        if (request.GroupId is not null && !SuspectRoles.TryParse(request.Role, out role))
        {
            errors["role"] = [L.T($"角色应为：{SuspectRoles.Choices}", $"role must be one of: {SuspectRoles.Choices}")];
        }
        var caseIds = (request.CaseIds ?? []).Distinct().ToList();
        if (caseIds.Count > 0 && await db.Cases.CountAsync(c => caseIds.Contains(c.Id), ct) != caseIds.Count)
        {
            errors["caseIds"] = [L.T("有案件不存在或不在您的辖区内", "a case does not exist or is outside your jurisdiction")];
        }
        if (request.GroupId is { } g && !await db.Set<FraudGroup>().AnyAsync(x => x.Id == g, ct))
        {
            errors["groupId"] = [L.T("团伙不存在或不在您的辖区内", "no such group in your jurisdiction")];
        }
        var unit = Jurisdiction.UnitFor(await territory.GetMapAsync(ct), user, request.UnitCode);
        if (unit is null)
        {
            Jurisdiction.UnitError(errors);
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var suspect = new Suspect
        {
            Name = person!.Name, IdNumber = person.IdNumber, Phone = person.Phone, IdKey = person.IdKey(hasher), PhoneKey = person.PhoneKey(hasher),
            Alias = request.Alias?.Trim(), Note = request.Note, Status = SuspectStatus.AtLarge, UnitCode = unit!.Code, UnitPath = unit.UnitPath,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = Jurisdiction.Actor(user),
        };
        db.Add(suspect);
        await db.SaveChangesAsync(ct);
        foreach (var id in caseIds)
        {
            db.Add(new SuspectCase { SuspectId = suspect.Id, CaseId = id });
        }
        foreach (var i in indicators.DistinctBy(i => (i.Type, i.Value)))
        {
            i.SuspectId = suspect.Id;
            db.Add(i);
        }
        if (request.GroupId is { } groupId)
        {
            db.Add(new GroupMember { GroupId = groupId, SuspectId = suspect.Id, Role = role });
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/suspects/{suspect.Id}", (await ReadSuspects.ViewAsync(db, suspect.Id, ct))!);
    }

    public static SuspectIndicator? ParseIndicator(string? type, string? value) =>
        IndicatorValue.TryParseType(type, out var t) && IndicatorValue.Normalise(t, value, out _) is { } v
            ? new SuspectIndicator { Type = IndicatorValue.Wire(t), Value = v }
            : null;
}

/// <summary>A person's identifying data, checked and normalised, with the keyed hashes used to find them again.</summary>
public sealed record Person(string Name, string? IdNumber, string? Phone)
{
    public static Person? Parse(string? name, string? idNumber, string? phone, Dictionary<string, string[]> errors)
    {
        var ok = true;
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
        {
            errors["name"] = [L.T("姓名必填（不超过50字）", "name is required (at most 50 characters)")];
            ok = false;
        }
        string? id = null;
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            if (Engine.Values.IdNumber.TryParse(idNumber.Trim(), out var parsed))
            {
                id = parsed.Value;
            }
            else
            {
                errors["idNumber"] = [L.T("身份证号无效", "invalid ID number")];
                ok = false;
            }
        }
        string? number = null;
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (PhoneNumber.TryParse(phone, out var parsed))
            {
                number = parsed.Value;
            }
            else
            {
                errors["phone"] = [L.T("电话号码无效", "invalid phone number")];
                ok = false;
            }
        }
        return ok ? new Person(name!.Trim(), id, number) : null;
    }

    public string? IdKey(LookupHasher hasher) => IdNumber is null ? null : hasher.Hash("id", IdNumber);

    public string? PhoneKey(LookupHasher hasher) => Phone is null ? null : hasher.Hash("phone", Phone);
}
