// The Trash screen's words.
import { register } from '../lib/i18n.svelte'

register({
  en: {
    'trash.title': 'Trash',
    'trash.lead': 'Nothing in the trash is lost: restore puts it back where it was, with its history.',
    'trash.empty': 'The trash is empty.',
    'trash.client': 'Client',
    'trash.deleted': 'Moved to the trash {when}',
    'trash.restore': 'Restore',
    'trash.restored': 'Restored.',
    'trash.client_with_timeline': 'with its whole timeline',
  },
  es: {
    'trash.title': 'Papelera',
    'trash.lead': 'Nada de lo que está en la papelera se pierde: al restaurarlo vuelve a su sitio, con su historial de cambios.',
    'trash.empty': 'La papelera está vacía.',
    'trash.client': 'Cliente',
    'trash.deleted': 'En la papelera desde el {when}',
    'trash.restore': 'Restaurar',
    'trash.restored': 'Restaurado.',
    'trash.client_with_timeline': 'con todo su historial',
  },
})
