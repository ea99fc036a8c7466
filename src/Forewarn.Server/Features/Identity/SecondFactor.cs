using Forewarn.Engine.Security;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// The TOTP second factor (DESIGN §8): staff who see personal data enrol an authenticator app and give its code at every
/// sign-in. The secret is made on the server and sealed at rest; a code is good for one sign-in only.
/// </summary>
public sealed class SecondFactor(UserManager<AppUser> users, TimeProvider clock)
{
    public const string Issuer = "Forewarn";

    public sealed record Enrolment(string Secret, string Uri);

    public enum Check { Ok, Denied, LockedOut, TotpRequired }

    /// <summary>
    /// Password and (once enrolled) code, with one lockout counter for both. Identity's own password sign-in resets the
    /// counter on a right password, which would let someone who knows the password guess codes for ever; here only a
    /// complete sign-in resets it, and a missing code neither counts nor resets.
    /// </summary>
    public async Task<Check> SignInAsync(AppUser user, string password, string? code)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return Check.LockedOut;
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? Check.LockedOut : Check.Denied;
        }
        if (user.TotpEnabled && !await VerifyAsync(user, code))
        {
            return await users.IsLockedOutAsync(user) ? Check.LockedOut : Check.TotpRequired;
        }
        await users.ResetAccessFailedCountAsync(user);
        return Check.Ok;
    }

    /// <summary>Checks a code for an enrolled user and remembers its step. A wrong code counts as a failed sign-in.</summary>
    private async Task<bool> VerifyAsync(AppUser user, string? code)
    {
        if (!user.TotpEnabled || user.TotpSecret is null || string.IsNullOrWhiteSpace(code))
        {
            return false;
        }
        var step = Totp.Verify(Convert.FromBase64String(user.TotpSecret), code, clock.GetUtcNow(), user.TotpLastStep);
        if (step is null)
        {
            await users.AccessFailedAsync(user);
            return false;
        }
        user.TotpLastStep = step.Value;
        // The concurrency stamp makes a second sign-in racing with the same code fail here.
        return (await users.UpdateAsync(user)).Succeeded;
    }

    /// <summary>Starts (or shows again) an enrolment: a secret that becomes active once a first code confirms it.</summary>
    public async Task<Enrolment?> BeginAsync(AppUser user)
    {
        if (user.TotpEnabled)
        {
            return null;
        }
        if (user.TotpSecret is null)
        {
            user.TotpSecret = Convert.ToBase64String(Totp.NewSecret());
            user.TotpLastStep = 0;
            await users.UpdateAsync(user);
        }
        var secret = Convert.FromBase64String(user.TotpSecret);
        return new Enrolment(Totp.Base32(secret), Totp.Uri(Issuer, user.UserName!, secret));
    }

    /// <summary>Confirms the enrolment with a first code from the app.</summary>
    public async Task<bool> ConfirmAsync(AppUser user, string? code)
    {
        if (user.TotpEnabled || user.TotpSecret is null)
        {
            return false;
        }
        var step = Totp.Verify(Convert.FromBase64String(user.TotpSecret), code, clock.GetUtcNow(), user.TotpLastStep);
        if (step is null)
        {
            return false;
        }
        user.TotpLastStep = step.Value;
        user.TotpEnabled = true;
        return (await users.UpdateAsync(user)).Succeeded;
    }

    /// <summary>A lost phone: the security admin clears the factor, the user enrols again at next sign-in, sessions end.</summary>
    public async Task ResetAsync(AppUser user)
    {
        user.TotpSecret = null;
        user.TotpEnabled = false;
        user.TotpLastStep = 0;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>A PNG QR code of the enrolment URI as a data: URI (the CSP allows data: images).</summary>
    public static string QrDataUri(string uri)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        var png = new QRCoder.PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
