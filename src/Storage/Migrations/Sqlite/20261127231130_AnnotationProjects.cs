using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnnotationProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnnotationProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelsJson = table.Column<string>(type: "TEXT", nullable: false),
                    NextLabelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    BatchSize = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SchemaRevision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationProjects_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnnotationProjects_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnotationTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LabelId = table.Column<int>(type: "INTEGER", nullable: true),
                    BoxesJson = table.Column<string>(type: "TEXT", nullable: true),
                    LabelSet = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FromVersion = table.Column<bool>(type: "INTEGER", nullable: false),
                    AnnotatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnnotatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationTasks_AnnotationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "AnnotationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationProjects_DatasetId",
                table: "AnnotationProjects",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationProjects_WorkspaceId_Name",
                table: "AnnotationProjects",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_AnnotatedBy",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "AnnotatedBy" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_HolderId",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "HolderId" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_Ordinal",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_State_Ordinal",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "State", "Ordinal" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnotationTasks");

            migrationBuilder.DropTable(
                name: "AnnotationProjects");
        }
    }
}
