using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace Platform.Api.Auth;

/// <summary>
/// Makes a sign-in with an unknown email indistinguishable from one with a wrong password: the same password-hash
/// work (so the same time) and, after as many failures as lock a real account, the same "locked" answer.
/// </summary>
public sealed class SignInGuard(TimeProvider clock)
{
    private const int MaxTracked = 10_000;
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString());
    private readonly PasswordHasher<User> _hasher = new();
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _unknown = new();

    /// <summary>Spends the time of one password check, for paths that would otherwise answer faster.</summary>
    public void SpendPasswordCheck(string password) => _hasher.VerifyHashedPassword(new User(), DummyHash, password);

    /// <summary>Records a failure for an email with no account; true when it now counts as locked out.</summary>
    public bool FailUnknown(string email, int maxFailures, TimeSpan lockout)
    {
        var now = clock.GetUtcNow();
        var normalized = email.ToUpperInvariant();
        if (_unknown.Count >= MaxTracked)
        {
            foreach (var (key, value) in _unknown)
                if (value.Until < now) _unknown.TryRemove(key, out _);
            // Still full: a flood of made-up emails must not grow memory without bound; the per-address rate limit
            // slows the flood, and an email first seen now goes untracked.
            if (_unknown.Count >= MaxTracked && !_unknown.ContainsKey(normalized)) return false;
        }
        var entry = _unknown.AddOrUpdate(normalized, _ => (1, now + lockout),
            (_, e) => e.Until < now ? (1, now + lockout) : (e.Failures + 1, now + lockout));
        return entry.Failures >= maxFailures;
    }
}
