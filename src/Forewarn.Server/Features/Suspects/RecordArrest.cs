using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>POST /api/v1/suspects/{id}/arrest</c> <c>{ at?, unitCode?, note? }</c> records the arrest (抓获) by a unit of the caller's territory
/// (default the caller's own); <c>POST /api/v1/suspects/{id}/prosecution</c> <c>{ at?, procuratorate, note? }</c> records the transfer for
/// prosecution (移送起诉), which needs the arrest first. Each happens once: a second time is a 409.
/// </summary>
public static class RecordArrest
{
    public sealed record ArrestRequest(string? At, string? UnitCode, string? Note);

    public sealed record ProsecutionRequest(string? At, string? Procuratorate, string? Note);

    public static async Task<Results<Ok<ReadSuspects.SuspectView>, ProblemHttpResult>> Arrest(long id, ArrestRequest request, AppDbContext db,
        TerritoryResolver territory, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var at = When(request.At, now, errors);
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
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
        var suspect = await db.Set<Suspect>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (suspect is null)
        {
            return Problems.NotFound();
        }
        if (suspect.Status != SuspectStatus.AtLarge)
        {
            return Problems.Conflict("该嫌疑人已抓获", "This suspect has already been arrested");
        }
        db.Add(new Arrest { SuspectId = id, At = at, UnitCode = unit!.Code, UnitPath = unit.UnitPath, Note = request.Note, By = Jurisdiction.Actor(user), RecordedAt = now });
        suspect.Status = SuspectStatus.Arrested;
        suspect.ArrestedAt = at;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ReadSuspects.ViewAsync(db, id, ct))!);
    }

    public static async Task<Results<Ok<ReadSuspects.SuspectView>, ProblemHttpResult>> Prosecution(long id, ProsecutionRequest request, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var at = When(request.At, now, errors);
        if (string.IsNullOrWhiteSpace(request.Procuratorate) || request.Procuratorate.Length > 100)
        {
            errors["procuratorate"] = [L.T("须写明移送的检察院（不超过100字）", "procuratorate is required (at most 100 characters)")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var suspect = await db.Set<Suspect>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (suspect is null)
        {
            return Problems.NotFound();
        }
        if (suspect.Status != SuspectStatus.Arrested)
        {
            return Problems.Conflict(suspect.Status == SuspectStatus.AtLarge ? "嫌疑人尚未抓获，不能移送起诉" : "该嫌疑人已移送起诉",
                suspect.Status == SuspectStatus.AtLarge ? "The suspect has not been arrested" : "The suspect has already been transferred for prosecution");
        }
        if (at < suspect.ArrestedAt)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["at"] = [L.T("移送时间早于抓获时间", "before the arrest")] });
        }
        suspect.Status = SuspectStatus.Prosecuted;
        suspect.ProsecutedAt = at;
        suspect.Procuratorate = request.Procuratorate!.Trim();
        suspect.Note = request.Note ?? suspect.Note;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ReadSuspects.ViewAsync(db, id, ct))!);
    }

    /// <summary>An event time: given (not in the future) or now.</summary>
    public static DateTime When(string? text, DateTime now, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return now;
        }
        if (!Jurisdiction.TryTime(text, out var at) || at > now.AddMinutes(5))
        {
            errors["at"] = [L.T("时间无效或在未来", "invalid time, or in the future")];
        }
        return at;
    }
}
