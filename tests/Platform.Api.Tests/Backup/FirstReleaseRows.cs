using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Api.Tests.Backup;

/// <summary>
/// Rows written with raw SQL as the first releases' schemas had them: a user, a workspace and its membership in the
/// first migration's tables; a dataset with a version, two items and their blobs in the first schema that had datasets.
/// </summary>
public sealed class FirstReleaseRows(DbConnection connection, bool sqlite)
{
    public Guid UserId { get; } = Guid.NewGuid();
    public Guid WorkspaceId { get; } = Guid.NewGuid();
    public Guid DatasetId { get; } = Guid.NewGuid();
    public Guid VersionId { get; } = Guid.NewGuid();
    public string Email { get; } = $"first-{Guid.NewGuid():N}@example.com";
    public static readonly DateTimeOffset At = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The items' files: path, label, bytes.</summary>
    public IReadOnlyList<(string Path, string Label, byte[] Content)> Items { get; } =
    [
        ("circle/a.png", "circle", DatasetFixtures.Png(16, 12, 10)),
        ("square/b.png", "square", DatasetFixtures.Png(8, 8, 200)),
    ];

    public async Task InsertAccountAsync(string password, CancellationToken ct)
    {
        var hash = new PasswordHasher<User>().HashPassword(null!, password);
        await ExecuteAsync("""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "IsAdmin", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES (@p0, 'First user', @p1, @p2, @p3, @p4, @p3, @p4, @p5, @p6, @p7, @p8, @p1, @p1, @p5, 0)
            """, ct, UserId, false, At, Email, Email.ToUpperInvariant(), true, hash, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString());
        await ExecuteAsync("""INSERT INTO "Workspaces" ("Id", "Name", "CreatedAt") VALUES (@p0, 'From the first release', @p1)""", ct, WorkspaceId, At);
        await ExecuteAsync("""INSERT INTO "Memberships" ("WorkspaceId", "UserId", "Role", "JoinedAt") VALUES (@p0, @p1, 'Owner', @p2)""", ct, WorkspaceId, UserId, At);
    }

    /// <summary>The rows of a dataset, and its files in the object folder where the blob store keeps them.</summary>
    public async Task InsertDatasetAsync(string objectFolder, CancellationToken ct)
    {
        var summary = VersionSummary.Empty with { Classes = ["circle", "square"], Splits = new SplitCountsDto(2, 0, 0, 0) };
        await ExecuteAsync("""
            INSERT INTO "Datasets" ("Id", "WorkspaceId", "Name", "Kind", "VersionCount", "LatestVersionId", "CreatedBy", "CreatedAt")
            VALUES (@p0, @p1, 'shapes', 'ImageClassification', 1, @p2, @p3, @p4)
            """, ct, DatasetId, WorkspaceId, VersionId, UserId, At);
        await ExecuteAsync("""
            INSERT INTO "DatasetVersions" ("Id", "WorkspaceId", "DatasetId", "Number", "Kind", "Source", "SourceDetail", "CreatedBy", "CreatedAt",
                "ItemCount", "TotalBytes", "ManifestSha256", "SummaryJson")
            VALUES (@p0, @p1, @p2, 1, 'ImageClassification', 'Import', 'shapes.zip', @p3, @p4, @p5, @p6, @p7, @p8)
            """, ct, VersionId, WorkspaceId, DatasetId, UserId, At, Items.Count, (long)Items.Sum(i => i.Content.Length), new string('a', 64), summary.ToJson());
        foreach (var (path, label, content) in Items)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            await ExecuteAsync("""
                INSERT INTO "DatasetItems" ("Id", "VersionId", "Path", "FileName", "Label", "Split", "Sha256", "Size", "Width", "Height")
                VALUES (@p0, @p1, @p2, @p3, @p4, 'Train', @p5, @p6, NULL, NULL)
                """, ct, Guid.NewGuid(), VersionId, path, Path.GetFileName(path), label, sha, (long)content.Length);
            await ExecuteAsync("""INSERT INTO "StoredBlobs" ("WorkspaceId", "Sha256", "Size", "CreatedAt") VALUES (@p0, @p1, @p2, @p3)""",
                ct, WorkspaceId, sha, (long)content.Length, At);
            var file = Path.Combine(objectFolder, StoredBlob.Key(WorkspaceId, sha));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, content, ct);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = Stored(values[i]);
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>As EF stores it: SQLite keeps GUIDs as upper-case text and times as binary ticks.</summary>
    private object Stored(object value) => (sqlite, value) switch
    {
        (true, Guid id) => id.ToString().ToUpperInvariant(),
        (true, DateTimeOffset time) => new DateTimeOffsetToBinaryConverter().ConvertToProvider(time)!,
        _ => value,
    };
}
