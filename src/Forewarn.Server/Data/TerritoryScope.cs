using System.Security.Claims;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Data;

/// <summary>
/// The one place that decides which part of the territory a database context may see.
/// In a request it is the signed-in user's unit path, and nothing at all for an anonymous caller.
/// Outside a request (background workers, command-line verbs) it is the whole territory.
/// </summary>
public sealed class TerritoryScope(IHttpContextAccessor http)
{
    /// <summary>Matches no unit path: every path starts with a digit.</summary>
    public const string Nothing = "~";

    public const string Everything = "";

    private string? _override;

    public string Path => _override ?? FromUser(http.HttpContext?.User, http.HttpContext is null);

    /// <summary>For a request that must act across the territory on behalf of the system (e.g. intake).</summary>
    public void ActAsSystem() => _override = Everything;

    private static string FromUser(ClaimsPrincipal? user, bool outsideRequest)
    {
        if (outsideRequest)
        {
            return Everything;
        }
        return user?.FindFirstValue(ForewarnClaims.UnitPath) is { Length: > 0 } path ? path : Nothing;
    }
}
