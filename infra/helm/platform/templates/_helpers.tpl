{{- define "platform.fullname" -}}{{ .Release.Name }}-platform{{- end }}

{{- define "platform.labels" -}}
app.kubernetes.io/name: platform
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{- define "platform.selector" -}}
app.kubernetes.io/name: platform
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Secret names: the one given in values, or the one this chart creates for its bundled service. */}}
{{- define "platform.databaseSecret" -}}
{{- if .Values.database.existingSecret }}{{ .Values.database.existingSecret }}{{ else }}{{ include "platform.fullname" . }}-database{{ end }}
{{- end }}
{{- define "platform.objectStoreSecret" -}}
{{- if .Values.objectStore.existingSecret }}{{ .Values.objectStore.existingSecret }}{{ else if .Values.minio.existingSecret }}{{ .Values.minio.existingSecret }}{{ else }}{{ include "platform.fullname" . }}-minio{{ end }}
{{- end }}

{{/* Environment shared by every role: PostgreSQL, S3, forwarded headers, extra settings. */}}
{{- define "platform.env" -}}
- name: ASPNETCORE_URLS
  value: http://0.0.0.0:8080
- name: ASPNETCORE_FORWARDEDHEADERS_ENABLED
  value: "true"
- name: Platform__Database__Provider
  value: postgres
- name: Platform__Database__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "platform.databaseSecret" . }}
      key: {{ .Values.database.connectionStringKey }}
- name: Platform__ObjectStore__Kind
  value: s3
- name: Platform__ObjectStore__S3__Endpoint
  value: {{ if .Values.minio.enabled }}http://{{ include "platform.fullname" . }}-minio:9000{{ else }}{{ required "objectStore.endpoint is required without the bundled MinIO" .Values.objectStore.endpoint }}{{ end }}
- name: Platform__ObjectStore__S3__Bucket
  value: {{ .Values.objectStore.bucket | quote }}
- name: Platform__ObjectStore__S3__UseSsl
  value: {{ .Values.objectStore.useSsl | quote }}
{{- with .Values.objectStore.region }}
- name: Platform__ObjectStore__S3__Region
  value: {{ . | quote }}
{{- end }}
- name: Platform__ObjectStore__S3__AccessKey
  valueFrom:
    secretKeyRef:
      name: {{ include "platform.objectStoreSecret" . }}
      key: {{ .Values.objectStore.accessKeyKey }}
- name: Platform__ObjectStore__S3__SecretKey
  valueFrom:
    secretKeyRef:
      name: {{ include "platform.objectStoreSecret" . }}
      key: {{ .Values.objectStore.secretKeyKey }}
{{- range $name, $value := .Values.settings }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{- define "platform.probes" -}}
ports:
  - name: http
    containerPort: 8080
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 10
  failureThreshold: 6
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: 10
startupProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 5
  failureThreshold: 60
{{- end }}
