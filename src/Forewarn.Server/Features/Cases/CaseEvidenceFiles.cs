using System.Security.Claims;
using System.Security.Cryptography;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// Evidence files of a case: <c>POST /api/v1/cases/{id}/evidence</c> <c>{ fileName, content (base64), note? }</c> attaches one
/// (JPEG, PNG, WebP or PDF, recognised by its own magic bytes, at most <see cref="MaxBytes"/>); <c>GET …/evidence</c> lists them;
/// <c>GET …/evidence/{evidenceId}</c> downloads one (audited like every call). Files are stored in the database, sealed at rest.
/// </summary>
public static class CaseEvidenceFiles
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public sealed record Request(string? FileName, string? Content, string? Note);

    public sealed record Item(long Id, string FileName, string ContentType, int Size, string Sha256, string? Note, DateTimeOffset At, string By);

    public static async Task<Results<Created<Item>, ProblemHttpResult>> Attach(long id, Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Path.GetFileName(request.FileName?.Trim() ?? "");
        if (name.Length is 0 or > 200)
        {
            errors["fileName"] = [L.T("文件名必填（不超过200字）", "fileName is required (at most 200 characters)")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        var file = Decode(request.Content, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Problems.NotFound();
        }
        var row = new CaseEvidence
        {
            CaseId = id, FileName = name, ContentType = file!.Value.ContentType, Size = file.Value.Bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Value.Bytes)), Content = file.Value.Bytes, Note = request.Note,
            At = clock.GetUtcNow().UtcDateTime, By = Jurisdiction.Actor(user), UnitPath = c.UnitPath,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{id}/evidence/{row.Id}", ToItem(row));
    }

    public static async Task<Results<Ok<List<Item>>, ProblemHttpResult>> List(long id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct))
        {
            return Problems.NotFound();
        }
        var rows = await db.Set<CaseEvidence>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Note, e.At, e.By }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(e => new Item(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Note, ListWarnings.Utc(e.At), e.By)).ToList());
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(long id, long evidenceId, AppDbContext db, CancellationToken ct)
    {
        var row = await db.Set<CaseEvidence>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.CaseId == id, ct);
        return row is null ? Problems.NotFound() : TypedResults.File(row.Content, row.ContentType, row.FileName);
    }

    private static Item ToItem(CaseEvidence e) => new(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Note, ListWarnings.Utc(e.At), e.By);

    /// <summary>Checks size and the file's own magic bytes (never the name or a declared type).</summary>
    public static (byte[] Bytes, string ContentType)? Decode(string? base64, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(base64))
        {
            errors["content"] = [L.T("文件内容必填（base64）", "content is required (base64)")];
            return null;
        }
        var comma = base64.StartsWith("data:", StringComparison.Ordinal) ? base64.IndexOf(',', StringComparison.Ordinal) : -1;
        var text = comma >= 0 ? base64[(comma + 1)..] : base64;
        if (text.Length > (MaxBytes / 3 + 1) * 4 + 4)
        {
            errors["content"] = [L.T($"文件过大（最多 {MaxBytes / 1024 / 1024} MB）", $"file too large (at most {MaxBytes / 1024 / 1024} MB)")];
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            errors["content"] = [L.T("不是有效的 base64", "not valid base64")];
            return null;
        }
        string? type = bytes switch
        {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
            [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
            _ => null,
        };
        if (type is null || bytes.Length > MaxBytes)
        {
            errors["content"] = [L.T("只接受 JPEG、PNG、WebP 图片或 PDF 文件", "only JPEG, PNG or WebP images or PDF files")];
            return null;
        }
        return (bytes, type);
    }
}
