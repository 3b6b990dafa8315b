using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> b)
    {
        b.Property(x => x.Name).HasMaxLength(Dataset.MaxNameLength);
        b.Property(x => x.Description).HasMaxLength(Dataset.MaxDescriptionLength);
        b.Ignore(x => x.IsDeleted);
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
    }
}

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public void Configure(EntityTypeBuilder<DatasetVersion> b)
    {
        b.Property(x => x.SourceDetail).HasMaxLength(512);
        b.Property(x => x.ManifestSha256).HasMaxLength(64);
        b.HasIndex(x => new { x.DatasetId, x.Number }).IsUnique();
        b.HasIndex(x => x.OperationId);
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
    }
}

internal sealed class DatasetItemConfiguration : IEntityTypeConfiguration<DatasetItem>
{
    public void Configure(EntityTypeBuilder<DatasetItem> b)
    {
        b.Property(x => x.Path).HasMaxLength(1024);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.Label).HasMaxLength(256);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => new { x.VersionId, x.Id });
        b.HasIndex(x => new { x.VersionId, x.Label, x.Id });
        b.HasIndex(x => new { x.VersionId, x.Split, x.Id });
        b.HasIndex(x => x.Sha256);
    }
}

internal sealed class StoredBlobConfiguration : IEntityTypeConfiguration<StoredBlob>
{
    public void Configure(EntityTypeBuilder<StoredBlob> b)
    {
        b.HasKey(x => new { x.WorkspaceId, x.Sha256 });
        b.Property(x => x.Sha256).HasMaxLength(64);
    }
}

internal sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> b)
    {
        b.Property(x => x.FileName).HasMaxLength(Upload.MaxFileNameLength);
        b.Property(x => x.ExpectedSha256).HasMaxLength(64);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Ignore(x => x.PartsPrefix);
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
    }
}
