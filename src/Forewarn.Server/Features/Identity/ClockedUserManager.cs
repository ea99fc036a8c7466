using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Identity's user manager with the lockout on the injected <see cref="TimeProvider"/>: .NET 10's <c>UserManager</c>
/// starts and ends a lockout by <c>DateTimeOffset.UtcNow</c>, which no test clock reaches and no other part of the
/// server uses. Everything else is Identity's own.
/// </summary>
public sealed class ClockedUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer normalizer,
    IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger, TimeProvider clock)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AppUser user) =>
        await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) >= clock.GetUtcNow();

    /// <summary>As Identity's: the failure that reaches the limit locks the account for the lockout duration and resets the count.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ThrowIfDisposed();
        var lockout = (IUserLockoutStore<AppUser>)Store;
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockout.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
