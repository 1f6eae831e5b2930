// Display names of the issuer ids used by the rules (`github` → "GitHub"). The issuer clients that
// check and revoke tokens are in src/issuers/.

export const ISSUER_NAMES: Readonly<Record<string, string>> = {
  github: 'GitHub', gitlab: 'GitLab', slack: 'Slack', npm: 'npm', pypi: 'PyPI', aws: 'AWS', google: 'Google',
  azure: 'Microsoft Azure', stripe: 'Stripe', openai: 'OpenAI', anthropic: 'Anthropic', huggingface: 'Hugging Face',
  twilio: 'Twilio', sendgrid: 'SendGrid', docker: 'Docker Hub', vault: 'HashiCorp Vault', doppler: 'Doppler',
  digitalocean: 'DigitalOcean', shopify: 'Shopify', databricks: 'Databricks', heroku: 'Heroku', postman: 'Postman',
  linear: 'Linear', supabase: 'Supabase', atlassian: 'Atlassian', cloudflare: 'Cloudflare',
  terraform: 'HashiCorp Terraform Cloud', grafana: 'Grafana', tailscale: 'Tailscale', sentry: 'Sentry', flyio: 'Fly.io', onepassword: '1Password', pulumi: 'Pulumi',
  vercel: 'Vercel', netlify: 'Netlify', render: 'Render', buildkite: 'Buildkite', rubygems: 'RubyGems', planetscale: 'PlanetScale', prefect: 'Prefect', oauth: 'OAuth issuer',
  generic: 'unknown issuer', custom: 'custom issuer',
};

export function issuerName(id: string): string {
  return ISSUER_NAMES[id] ?? id;
}
