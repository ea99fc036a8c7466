using System.ComponentModel.DataAnnotations;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Source-client API keys, the security admin's (<c>/api/v1/clients</c>): create a client with scopes (the key is shown
/// once; only its hash is kept) and revoke it (the key stops working on the next request).
/// </summary>
public static class ManageApiClients
{
    /// <summary>What a key may do: push signals, contact records, indicators; receive block requests of each kind.</summary>
    public static readonly string[] KnownScopes =
        ["signals", "contacts", "indicators", "receive:payment_stop", "receive:freeze", "receive:line_cut", "receive:number_shutdown"];

    public sealed record Item(int Id, string Name, List<string> Scopes, string? WebhookUrl, bool Disabled, DateTime CreatedAt);

    public sealed record CreateRequest([Required, RegularExpression("^[a-z0-9][a-z0-9._-]{2,99}$")] string Name, [Required] List<string> Scopes, [Url, MaxLength(500)] string? WebhookUrl);

    public sealed record CreateResponse(int Id, string Name, string ApiKey, List<string> Scopes);

    public static async Task<Ok<List<Item>>> List(AppDbContext db, CancellationToken ct)
    {
        var clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return TypedResults.Ok(clients.Select(c => new Item(c.Id, c.Name, [.. c.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)], c.WebhookUrl, c.Disabled, c.CreatedAt)).ToList());
    }

    public static async Task<Results<Created<CreateResponse>, ProblemHttpResult>> Create(
        CreateRequest request, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var scopes = (request.Scopes ?? []).Distinct().ToList();
        if (scopes.FirstOrDefault(s => !KnownScopes.Contains(s)) is { } unknown)
        {
            return Problems.BadRequest($"未知权限范围：{unknown}", $"Unknown scope: {unknown}");
        }
        if (await db.ApiClients.AnyAsync(c => c.Name == request.Name, ct))
        {
            return Problems.Conflict("客户端名称已存在", "The client name is taken");
        }
        var key = ApiClient.NewKey();
        var client = new ApiClient
        {
            Name = request.Name, KeyHash = ApiClient.Hash(key), Scopes = string.Join(' ', scopes), WebhookUrl = request.WebhookUrl,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiClients.Add(client);
        ManageUsers.Note(audit, "clients.create", $"{request.Name}: {client.Scopes}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/clients/{client.Id}", new CreateResponse(client.Id, client.Name, key, scopes));
    }

    public static async Task<Results<Ok<Item>, ProblemHttpResult>> Revoke(int id, AppDbContext db, AuditTrail audit, ApiKeyCache keys, CancellationToken ct)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Problems.NotFound("客户端不存在", "No such client");
        }
        client.Disabled = true;
        ManageUsers.Note(audit, "clients.revoke", client.Name);
        await db.SaveChangesAsync(ct);
        keys.Forget();
        return TypedResults.Ok(new Item(client.Id, client.Name, [.. client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)], client.WebhookUrl, true, client.CreatedAt));
    }
}
