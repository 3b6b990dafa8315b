using System.Security.Cryptography;

namespace Platform.Contracts;

/// <summary>Random passwords an administrator hands to a person (portal and server): letters and digits, none that look alike (0/O, 1/l/I).</summary>
public static class PasswordGenerator
{
    private const string Letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Alphabet = Letters + Digits;

    /// <summary>A password of <paramref name="length"/> characters with at least one letter and one digit.</summary>
    public static string Generate(int length = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Alphabet, length);
            if (password.Any(char.IsLetter) && password.Any(char.IsDigit)) return password;
        }
    }
}
