// Every Mantine style: the staff app, the sign-in, and what the participant opens later (a
// document, the device check, the call). Layered like ./first-load.ts.
import '@mantine/core/styles.layer.css';
import '@mantine/dates/styles.layer.css';
import '@mantine/notifications/styles.layer.css';
