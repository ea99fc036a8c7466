using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Suspects;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.WatchLists;

/// <summary>
/// <c>POST /api/v1/watch-lists</c> <c>{ kind: "recruiter"|"exit_risk", name, idNumber?, phone?, reason, reviewBy (date), suspectId?, unitCode? }</c>
/// — puts a person on a watch list of the caller's territory. The same ID number on the same list twice is a 409.
/// </summary>
public static class AddToWatchList
{
    public sealed record Request(string? Kind, string? Name, string? IdNumber, string? Phone, string? Reason, string? ReviewBy, long? SuspectId, string? UnitCode);

    public static async Task<Results<Created<ReadWatchLists.View>, ProblemHttpResult>> Handle(Request request, AppDbContext db, TerritoryResolver territory,
        LookupHasher hasher, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (!WatchKind.All.Contains(request.Kind))
        {
            errors["kind"] = [L.T("kind 应为 recruiter（招募人员）或 exit_risk（出境风险人员）", "kind must be recruiter or exit_risk")];
        }
        var person = Person.Parse(request.Name, request.IdNumber, request.Phone, errors);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000)
        {
            errors["reason"] = [L.T("列管理由必填（不超过2000字）", "reason is required (at most 2000 characters)")];
        }
        var reviewBy = ReadWatchLists.ParseReviewDate(request.ReviewBy, now, errors);
        if (request.SuspectId is { } s && !await db.Set<Suspect>().AnyAsync(x => x.Id == s, ct))
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
        var idKey = person!.IdKey(hasher);
        if (idKey is not null && await db.Set<WatchEntry>().IgnoreQueryFilters().AnyAsync(w => w.Kind == request.Kind && w.IdKey == idKey && w.Status == "active", ct))
        {
            return Problems.Conflict("此人已在该名单中", "This person is already on this list");
        }
        var entry = new WatchEntry
        {
            Kind = request.Kind!, Name = person.Name, IdNumber = person.IdNumber, Phone = person.Phone, IdKey = idKey, PhoneKey = person.PhoneKey(hasher),
            Reason = request.Reason!.Trim(), ReviewBy = reviewBy, Status = "active", SuspectId = request.SuspectId, UnitCode = unit!.Code,
            UnitPath = unit.UnitPath, CreatedAt = now, CreatedBy = Jurisdiction.Actor(user),
        };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/watch-lists/{entry.Id}", ReadWatchLists.ToView(entry, map, now));
    }
}
