using Forewarn.Engine.Values;

namespace Forewarn.Server.Common;

/// <summary>Personal data is shown masked by default (DESIGN §8); revealing it is a separate, audited act.</summary>
public static class Mask
{
    public static string? Phone(string? phone) => phone is null ? null
        : PhoneNumber.TryParse(phone, out var p) ? p.Masked
        : phone.Length > 4 ? new string('*', phone.Length - 4) + phone[^4..] : "****";

    public static string? IdNumber(string? id) => id is null ? null
        : Engine.Values.IdNumber.TryParse(id, out var v) ? v.Masked
        : id.Length > 10 ? id[..6] + new string('*', id.Length - 10) + id[^4..] : "****";

    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***: the surname stays so officers can address the person.</summary>
    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));

    /// <summary>Keeps the district-level part of an address and hides the rest.</summary>
    public static string? Address(string? address) => address is null ? null
        : address.Length <= 6 ? "****" : address[..Math.Min(address.Length - 4, 9)] + "****";
}
